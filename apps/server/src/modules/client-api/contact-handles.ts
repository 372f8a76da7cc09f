import { randomInt } from 'node:crypto';

const adjectives = ['amber', 'brave', 'calm', 'bright', 'gentle', 'lively', 'quiet', 'rapid', 'sunny', 'witty'];
const nouns = ['falcon', 'harbor', 'maple', 'meadow', 'otter', 'pebble', 'river', 'sparrow', 'summit', 'willow'];

/** The name a contact who gave none goes by, as the reference makes them: `adjective-noun-NNN`. */
export function randomContactHandle(): string {
  const adjective = adjectives[randomInt(adjectives.length)];
  const noun = nouns[randomInt(nouns.length)];
  return `${adjective}-${noun}-${String(randomInt(1000)).padStart(3, '0')}`;
}
