#!/usr/bin/env node
require('../dist/kart.js');
