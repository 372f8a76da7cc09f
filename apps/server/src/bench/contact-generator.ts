import {
  companyNames,
  contactLabels,
  type NamePool,
  namePools,
  type Region,
  regions,
  worldwideMailDomains,
} from './contact-population';

/** A contact as the bench writes it, with the labels it carries. */
export interface GeneratedContact {
  name: string;
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
  blocked: boolean;
  additional_attributes: Record<string, string>;
  custom_attributes: Record<string, string | number>;
  last_activity_at: number | null;
  created_at: number;
  updated_at: number;
  labels: string[];
}

/** A deterministic source of randomness (mulberry32), so that every seeding of the same size gives the same rows. */
export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [0, below). */
  below(below: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (limit: number) => Math.floor(next() * limit);
  return { next, below, pick: (items) => items[below(items.length)]!, chance: (probability) => next() < probability };
}

/** Picks among items by weight in O(log n). */
export function weightedPicker<T>(entries: Array<[item: T, weight: number]>): (random: Random) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) {
    total += weight;
    cumulative.push(total);
  }
  return (random) => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return entries[low]![0];
  };
}

// Names are listed most common first; this makes the first few several times as frequent as the last, as in life.
const byPopularity = (names: string[]) => weightedPicker(names.map((name, rank) => [name, 1 / Math.sqrt(rank + 1)]));

interface NamePicker {
  first: (random: Random) => string;
  last: (random: Random) => string;
}

const namePickers = new Map<NamePool, NamePicker>(
  namePools.map((pool) => [pool, { first: byPopularity(pool.firstNames), last: byPopularity(pool.lastNames) }]),
);
const pickRegion = weightedPicker(regions.map((region) => [region, region.weight]));
const pickWorldwideDomain = weightedPicker(worldwideMailDomains);
const pickLabel = weightedPicker(contactLabels);
const pickPlan = weightedPicker<string>([
  ['free', 60],
  ['pro', 30],
  ['enterprise', 10],
]);
const signupChannels = ['web', 'mobile', 'referral', 'event', 'partner'];

/** Lower-case ASCII letters and digits only: what a mail address keeps of a name. */
function mailWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}

const domainOfCompany = (company: string) => `${mailWord(company)}.com`;

const yearSeconds = 365 * 24 * 3600;

/**
 * Contacts for one account: names of the contact's country (a sixth from anywhere), unique lower-case emails on
 * common, national and company domains, unique E.164 phone numbers of the country, external identifiers, created over
 * the last five years (more of them recently) and mostly active since.
 */
export function contactGenerator(options: { seed: number; now: number }) {
  const random = createRandom(options.seed);
  const emails = new Set<string>();
  const phones = new Set<string>();
  const identifiers = new Set<string>();

  function unique(taken: Set<string>, make: (attempt: number) => string): string {
    for (let attempt = 0; ; attempt++) {
      const candidate = make(attempt);
      if (!taken.has(candidate)) {
        taken.add(candidate);
        return candidate;
      }
    }
  }

  function emailOf(first: string, last: string, region: Region, company: string | undefined): string {
    const f = mailWord(first);
    const l = mailWord(last);
    const number = () => String(random.chance(0.5) ? 60 + random.below(46) : random.below(1000));
    const locals = [
      () => `${f}.${l}`,
      () => `${f}${l}`,
      () => `${f[0]}.${l}`,
      () => `${f}_${l}`,
      () => `${f}.${l}${number()}`,
      () => `${f}${number()}`,
      () => `${l}.${f}`,
      () => `${f[0]}${l}${number()}`,
    ];
    const local = random.pick(locals)();
    const share = random.next();
    const domain =
      company !== undefined && share < 0.2
        ? domainOfCompany(company)
        : share < 0.35
          ? random.pick(region.mailDomains)
          : pickWorldwideDomain(random);
    // A clash gets a number, as a mail provider would suggest.
    return unique(emails, (attempt) => (attempt === 0 ? `${local}@${domain}` : `${local}${attempt + 1}@${domain}`));
  }

  function phoneOf(region: Region): string {
    const { countryCode, prefixes, nationalDigits } = region.phone;
    return unique(phones, () => {
      // Subscriber numbers do not start with 0 or 1 in any of these plans.
      let digits = `${random.pick(prefixes)}${2 + random.below(8)}`;
      while (digits.length < nationalDigits) digits += String(random.below(10));
      return `+${countryCode}${digits}`;
    });
  }

  function identifierOf(): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    return unique(identifiers, () => {
      if (random.chance(0.6)) {
        let id = 'cus_';
        for (let i = 0; i < 14; i++) id += alphabet[random.below(alphabet.length)];
        return id;
      }
      return `crm-${1_000_000 + random.below(9_000_000)}`;
    });
  }

  function labelsOf(): string[] {
    if (!random.chance(0.35)) return [];
    const count = 1 + random.below(3);
    const labels = new Set<string>();
    for (let i = 0; i < count; i++) labels.add(pickLabel(random));
    return [...labels];
  }

  function customAttributesOf(): Record<string, string | number> {
    const attributes: Record<string, string | number> = {};
    if (random.chance(0.6)) attributes.plan = pickPlan(random);
    if (random.chance(0.3)) attributes.signup_channel = random.pick(signupChannels);
    if (random.chance(0.2)) attributes.lifetime_value = Math.round(random.next() ** 3 * 20_000);
    return attributes;
  }

  return {
    next(): GeneratedContact {
      const region = pickRegion(random);
      const pool = random.chance(1 / 6) ? random.pick(namePools) : region.names;
      const names = namePickers.get(pool)!;
      const first = names.first(random);
      const last = names.last(random);
      const company = random.chance(0.55) ? random.pick(companyNames) : undefined;
      // Website visitors who never left an address stay anonymous: a name and where they came from.
      const anonymous = random.chance(0.02);
      const email = anonymous || random.chance(0.08) ? null : emailOf(first, last, region, company);
      const phone = anonymous || (email !== null && random.chance(0.35)) ? null : phoneOf(region);
      const identifier = !anonymous && random.chance(0.4) ? identifierOf() : null;

      const age = (1 - Math.sqrt(random.next())) * 5 * yearSeconds;
      const createdAt = Math.floor(options.now - age);
      // The time since a contact last wrote is about exponential, a year on average, and never before it was created.
      const idleSeconds = -Math.log(1 - random.next()) * yearSeconds;
      const lastActivityAt = random.chance(0.85) ? Math.floor(Math.max(createdAt, options.now - idleSeconds)) : null;
      const additional: Record<string, string> = {
        city: random.pick(region.cities),
        country: region.country,
        country_code: region.countryCode,
      };
      if (company !== undefined) additional.company_name = company;

      return {
        name: anonymous || random.chance(0.03) ? first : `${first} ${last}`,
        email,
        phone_number: phone,
        identifier,
        blocked: random.chance(0.005),
        additional_attributes: additional,
        custom_attributes: customAttributesOf(),
        last_activity_at: lastActivityAt,
        created_at: createdAt,
        updated_at: lastActivityAt ?? createdAt,
        labels: anonymous ? [] : labelsOf(),
      };
    },
  };
}
