// `kart new`: slugs from titles in any script, and "today" as the calendar where kart runs says.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';
import { today } from '../../server/src/core/text';
import { slugify } from '../../server/src/model/template';
import { folder, kart } from '../cliHelpers';

const repo = join(__dirname, '../../..');

describe('kart new: slugs', () => {
  it('transliterates Latin letters, Chinese and Greek instead of dropping or refusing them', () => {
    assert.strictEqual(slugify('Über Straße café'), 'uber-strasse-cafe');
    assert.strictEqual(slugify('机器学习'), 'ji-qi-xue-xi');
    assert.strictEqual(slugify('Μηχανική μάθηση'), 'mihaniki-mathisi');
    assert.strictEqual(slugify('My New Article!'), 'my-new-article');
    assert.strictEqual(slugify('instruction-tuning'), 'instruction-tuning');
    assert.strictEqual(slugify('RLHF #1 (2024)'), 'rlhf-1-2024');
    assert.strictEqual(slugify('¿¡!?'), '');
  });

  it('kart new "Über Straße café" writes uber-strasse-cafe.md with that id; a Chinese title is accepted', async () => {
    const dir = folder({});
    const r = await kart(['new', 'Über Straße café', '--dir', 'ai'], dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(r.out, 'Created ai/uber-strasse-cafe.md');
    assert.match(readFileSync(join(dir, 'ai/uber-strasse-cafe.md'), 'utf8'), /^id: uber-strasse-cafe$/m);
    assert.strictEqual((await kart(['new', '机器学习', '--dir', 'ai'], dir)).code, 0);
    assert.deepStrictEqual(readdirSync(join(dir, 'ai')).sort(), ['ji-qi-xue-xi.md', 'uber-strasse-cafe.md']);
    const none = await kart(['new', '¿¡!?'], dir);
    assert.strictEqual(none.code, 2);
    assert.match(none.err, /has no letters or digits/);
  });
});

describe('today is the local date', () => {
  it('today() reads the local calendar: 23:30 on the 1st at UTC-11 is the 1st, not the 2nd', () => {
    // A clock whose local fields say 2026-03-01 23:30, whatever zone the test runs in.
    const local = new Date(2026, 2, 1, 23, 30);
    assert.strictEqual(today(() => local), '2026-03-01');
    assert.strictEqual(today(() => new Date(2026, 0, 9, 0, 5)), '2026-01-09');
  });

  it('kart new in Pago Pago (UTC-11) and in Kiritimati (UTC+14) dates the article by each local calendar', () => {
    // 25 hours apart: at any moment the two calendars show different dates.
    const dates: string[] = [];
    for (const zone of ['Pacific/Pago_Pago', 'Pacific/Kiritimati']) {
      const dir = folder({});
      const local = () => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      const before = local();
      const r = spawnSync(process.execPath, [join(repo, 'bin/kart.js'), 'new', 'zone-test'], { cwd: dir, env: { ...process.env, TZ: zone }, encoding: 'utf8' });
      const after = local();
      assert.strictEqual(r.status, 0, r.stderr);
      const created = /^created_date: "(\d{4}-\d{2}-\d{2})"$/m.exec(readFileSync(join(dir, 'zone-test.md'), 'utf8'))?.[1];
      assert.ok(created === before || created === after, `${zone}: created_date ${created}, the local date there is ${before}`);
      dates.push(created!);
    }
    assert.notStrictEqual(dates[0], dates[1]);
  });
});
