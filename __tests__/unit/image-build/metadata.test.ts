// buildx's metadata file when it holds no object: `null` is no metadata, said with the file's name.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { parseMetadata, readMetadata } from '../../../src/image-build/metadata.js';

function read(content: string): { meta: ReturnType<typeof readMetadata>; printed: string; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'mab-meta-')), 'metadata.json');
  writeFileSync(file, content);
  const printed: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    return { meta: readMetadata(file), printed: printed.join(''), file };
  } finally {
    write.mockRestore();
  }
}

test('a file that holds null is no metadata, and the log names the file', () => {
  const { meta, printed, file } = read('null\n');
  expect(meta).toStrictEqual({ raw: '{}' });
  expect(printed).toContain(`buildx's metadata file ${file} holds null, not an object`);
});

test.each(['null', '[]', '"x"', '3'])('%s parses to no metadata', (raw) => {
  expect(parseMetadata(raw)).toBeUndefined();
});

test('an empty file and an object say nothing', () => {
  expect(read('').meta).toStrictEqual({ raw: '{}' });
  const { meta, printed } = read('{"containerimage.digest":"sha256:ab"}');
  expect(meta.digest).toBe('sha256:ab');
  expect(printed).toBe('');
});
