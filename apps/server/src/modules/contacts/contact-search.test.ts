import { mailboxPart, trigramTableQuery } from './contact-search';

describe('the trigram table query of a search text', () => {
  test('asks for a long text by slices of six characters, all of them', () => {
    expect(trigramTableQuery('jennifer.reed104@outlook.com')).toBe(
      '"jennif" AND "er.ree" AND "d104@o" AND "utlook" AND ".com"',
    );
  });

  test('reaches back for a last slice too short to hold a trigram', () => {
    expect(trigramTableQuery('kowalski')).toBe('"kowals" AND "ski"');
  });

  test('asks for a short text as one phrase, its quotes doubled', () => {
    expect(trigramTableQuery('o"ne')).toBe('"o""ne"');
  });
});

describe('the mailbox part of a search text', () => {
  test('is the text up to its @ when three characters or more come before it', () => {
    expect(mailboxPart('tomas@porto.example')).toBe('tomas@');
  });

  test('is absent without an @ or with a short local part', () => {
    expect(mailboxPart('kowal')).toBeUndefined();
    expect(mailboxPart('jo@porto.example')).toBeUndefined();
  });
});
