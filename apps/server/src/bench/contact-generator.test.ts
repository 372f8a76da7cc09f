import { contactGenerator } from './contact-generator';

const now = 1_780_000_000;

function generate(count: number, seed = 7) {
  const generator = contactGenerator({ seed, now });
  return Array.from({ length: count }, () => generator.next());
}

const present = <T>(values: Array<T | null>) => values.filter((value): value is T => value !== null);

describe('contact generator', () => {
  it('gives the same contacts for the same seed', () => {
    expect(generate(500)).toEqual(generate(500));
  });

  it('never repeats an email, a phone number or an identifier', () => {
    const contacts = generate(50_000);
    for (const field of ['email', 'phone_number', 'identifier'] as const) {
      const values = present(contacts.map((contact) => contact[field]));
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it('writes phone numbers in E.164 and emails in lower case', () => {
    const contacts = generate(5_000);
    for (const phone of present(contacts.map((contact) => contact.phone_number))) {
      expect(phone).toMatch(/^\+[1-9]\d{7,14}$/);
    }
    for (const email of present(contacts.map((contact) => contact.email))) {
      expect(email).toMatch(/^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+$/);
    }
  });

  it('creates contacts in the past and has them active no earlier than created', () => {
    for (const contact of generate(5_000)) {
      expect(contact.created_at).toBeLessThanOrEqual(now);
      if (contact.last_activity_at !== null) {
        expect(contact.last_activity_at).toBeGreaterThanOrEqual(contact.created_at);
        expect(contact.last_activity_at).toBeLessThanOrEqual(now);
      }
    }
  });
});
