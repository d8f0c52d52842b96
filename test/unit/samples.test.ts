/** The sample reports are fixtures: byte for byte as published, never "cleaned up" or fixed in place. */
import * as assert from 'assert';
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { CORPUS, corpusPath, type CorpusId } from '../helpers/corpus';

// sha256 of the reports as they came (taken from the team's corpus when they were copied in).
const SHA256: Record<CorpusId, string> = {
  '000': 'b7fde979f3f4284b3454af63695486f5068a11124e1772e7712afc1c2a67e2b4',
  '001': 'db5428ea704a808e2df1a66a211262fc38c1abfcf398418ddd26e159334ac8f2',
  '002': '1ef71e323cedca76f387f71208945a53caa4421e9e598b2ee9e6591b4cbd99ac',
  '003': 'ed3745c3d5a8b8ebbe2861b9c3aa12e2dc3af1e3117d365c6794411ab39a210f',
  '004': '748443c7bfcbd10710ef354cb9c24c3748a0d5e0e1863a1ddba4fd588f90940e',
};

describe('sample reports', () => {
  for (const id of Object.keys(CORPUS) as CorpusId[]) {
    it(`${CORPUS[id]} is unmodified`, () => {
      assert.strictEqual(createHash('sha256').update(readFileSync(corpusPath(id))).digest('hex'), SHA256[id], 'restore it with git checkout -- samples/');
    });
  }
});
