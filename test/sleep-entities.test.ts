import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleEntities } from '../src/sleep/entities.js';
import { episode, scope } from './support/fixtures.js';

describe('sample entities', () => {
  it('finds names once per sample and matches them in every episode that mentions them', () => {
    const episodes = [
      episode(scope(), { text: 'Caroline moved to Lisbon in May.' }),
      episode(scope(), { text: 'The weather in lisbon was great' }),
      episode(scope(), { text: 'Nothing named here.' }),
      episode(scope(), { text: 'Caroline called.', metadata: { entities: ['Caroline Smith'] } }),
    ];
    const found = sampleEntities(episodes);
    assert.deepEqual(found[0]!.sort(), ['Caroline', 'Lisbon']);
    assert.deepEqual(found[1], ['Lisbon']);
    assert.deepEqual(found[2], []);
    assert.deepEqual(found[3], ['Caroline Smith']);
  });

  it('matches whole words only', () => {
    const found = sampleEntities([episode(scope(), { text: 'Ann met Bob in Paris.' }), episode(scope(), { text: 'Annual report for Parisians.' })]);
    assert.deepEqual(found[1], []);
  });
});
