/**
 * The shared safe reader: every byte of a regular file, whatever its size against the read buffer (the file's
 * size plus one byte, grown when the file grows), and a clear refusal past the limit.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readRegularFile } from '../../server/src/safeRead';

test('readRegularFile reads every byte of files of every size around its buffer and the pool', (t) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-safe-read-'));
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  for (const size of [0, 1, 2, 4095, 4096, 4097, 65535, 65536, 65537, 1048577]) {
    const bytes = Buffer.alloc(size);
    for (let index = 0; index < size; index++) {
      bytes[index] = (index * 31 + size) & 0xff;
    }
    const file = path.join(folder, `f${size}.md`);
    fs.writeFileSync(file, bytes);
    const read = readRegularFile(file);
    assert.ok('bytes' in read, `${size} bytes read`);
    assert.equal(read.bytes.length, size);
    assert.ok(read.bytes.equals(bytes), `${size} bytes read as written`);
  }
});

test('readRegularFile refuses a file past its limit, exactly at one byte past it', (t) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-safe-read-'));
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  const file = path.join(folder, 'large.md');
  fs.writeFileSync(file, Buffer.alloc(1000, 0x61));
  const atLimit = readRegularFile(file, 1000);
  assert.ok('bytes' in atLimit && atLimit.bytes.length === 1000, 'a file of exactly the limit is read');
  const past = readRegularFile(file, 999);
  assert.ok('error' in past && /too large to read/.test(past.error), 'one byte past the limit is refused');
  const missing = readRegularFile(path.join(folder, 'absent.md'));
  assert.ok('error' in missing && missing.error.includes('absent.md'), 'a missing file says which');
  const folderRead = readRegularFile(folder);
  assert.ok('error' in folderRead && folderRead.error.includes('not a text file'), 'a folder is refused');
});

test('readRegularFile reads a file that reports no size but has content (a /proc file) in full', { skip: !fs.existsSync('/proc/self/status') && 'no /proc on this system' }, () => {
  const read = readRegularFile('/proc/self/status');
  assert.ok('bytes' in read);
  assert.ok(fs.statSync('/proc/self/status').size === 0, 'the system reports no size');
  assert.match(read.bytes.toString('utf8'), /^Name:[\s\S]*\nPid:/, 'the whole status is read');
});
