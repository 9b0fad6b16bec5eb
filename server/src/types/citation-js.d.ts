// citation-js ships no type declarations; model/bibliography.ts describes the part it uses.
declare module '@citation-js/core';
declare module '@citation-js/plugin-bibtex';
