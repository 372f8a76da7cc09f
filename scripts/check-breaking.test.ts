import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type ApiDocument,
  describeBreak,
  findBreakingChanges,
  readAcknowledgements,
  sortOutAcknowledged,
} from './lib/breaking-changes';
import { generatedDir } from './lib/paths';

type Schema = Record<string, any>;

/** The bundled document of the repo's spec: the "before" of every case. */
const bundled = readFileSync(path.join(generatedDir, 'openapi.json'), 'utf8');
const spec = (): ApiDocument & {
  paths: Record<string, any>;
  webhooks: Record<string, any>;
  components: { schemas: Record<string, Schema> };
} => JSON.parse(bundled);

/** The breaks the change makes to the bundled spec, as the checker prints them. */
function breaksOf(change: (document: ReturnType<typeof spec>) => void): string[] {
  const after = spec();
  change(after);
  return findBreakingChanges(spec(), after).map(describeBreak);
}

const teams = '/api/v1/accounts/{account_id}/teams';
const team = `${teams}/{team_id}`;
const getTeam = `getTeam (GET ${team})`;
const createTeam = `createTeam (POST ${teams})`;

test('an unchanged spec has no breaking change', () => {
  expect(breaksOf(() => {})).toEqual([]);
});

describe('each kind of break is found, with the operation, where, and what changed', () => {
  test('a removed operation', () => {
    expect(breaksOf((document) => delete document.paths[teams].post)).toEqual([`${createTeam}: operation removed`]);
  });

  test('a removed response property', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      delete schemas.Team!.properties.description;
      schemas.Team!.required = schemas.Team!.required.filter((name: string) => name !== 'description');
    });
    expect(breaks).toContain(`${getTeam} response 200 body.description: property removed`);
    expect(breaks).toContain(`listTeams (GET ${teams}) response 200 body[].description: property removed`);
  });

  test('a renamed response property', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      const properties = schemas.Team!.properties;
      properties.summary = properties.description;
      delete properties.description;
      schemas.Team!.required = schemas.Team!.required.map((name: string) =>
        name === 'description' ? 'summary' : name,
      );
    });
    expect(breaks).toContain(`${getTeam} response 200 body.description: property removed`);
  });

  test('a response property no longer always present', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      schemas.Team!.required = schemas.Team!.required.filter((name: string) => name !== 'is_member');
    });
    expect(breaks).toContain(`${getTeam} response 200 body.is_member: no longer always present`);
  });

  test('a narrowed request enum', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      schemas.AvailabilityChoice!.enum = ['online', 'busy', 'offline'];
    });
    expect(breaks).toContain(
      `createAgent (POST /api/v1/accounts/{account_id}/agents) request body.availability: enum no longer has "available"`,
    );
  });

  test('a narrowed response enum', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      schemas.Availability!.enum = ['online', 'busy'];
    });
    expect(breaks).toContain(
      `listAgents (GET /api/v1/accounts/{account_id}/agents) response 200 body[].availability_status: enum no longer has "offline"`,
    );
  });

  test('a new required request body property', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      schemas.TeamCreate!.properties.colour = { type: 'string' };
      schemas.TeamCreate!.required = [...schemas.TeamCreate!.required, 'colour'];
    });
    expect(breaks).toEqual([`${createTeam} request body.colour: new required property`]);
  });

  test('an optional request body property made required', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      schemas.TeamCreate!.required = [...schemas.TeamCreate!.required, 'description'];
    });
    expect(breaks).toEqual([`${createTeam} request body.description: now required`]);
  });

  test('a new required parameter', () => {
    const breaks = breaksOf((document) => {
      document.paths[teams].get.parameters = [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }];
    });
    expect(breaks).toEqual([`listTeams (GET ${teams}) query parameter q: new required parameter`]);
  });

  test('a changed response property type', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      schemas.Team!.properties.id = { type: 'string' };
    });
    expect(breaks).toContain(`${getTeam} response 200 body.id: type changed from integer to string`);
  });

  test('a changed request property type', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      schemas.TeamCreate!.properties.allow_auto_assign = { type: 'string' };
    });
    expect(breaks).toEqual([`${createTeam} request body.allow_auto_assign: type changed from boolean to string`]);
  });

  test('a response property that may now be null', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      schemas.Team!.properties.name = { type: ['string', 'null'] };
    });
    expect(breaks).toContain(`${getTeam} response 200 body.name: type changed from string to null | string`);
  });
});

describe('webhook bodies are held as responses are', () => {
  test('an event no longer delivered', () => {
    expect(breaksOf((document) => delete document.webhooks.contact_created)).toEqual([
      'contactCreatedWebhook (webhook contact_created): event no longer delivered',
    ]);
  });

  test('a property removed from a body, in every event that carries it', () => {
    const breaks = breaksOf(({ components: { schemas } }) => {
      delete schemas.WebhookContact!.properties.phone_number;
      schemas.WebhookContact!.required = schemas.WebhookContact!.required.filter(
        (name: string) => name !== 'phone_number',
      );
    });
    expect(breaks).toContain('contactCreatedWebhook (webhook contact_created) body.phone_number: property removed');
    expect(breaks).toContain('contactUpdatedWebhook (webhook contact_updated) body.phone_number: property removed');
  });

  test('a new property of a body breaks no receiver', () => {
    expect(
      breaksOf(({ components: { schemas } }) => {
        schemas.WebhookContact!.properties.nickname = { type: 'string' };
      }),
    ).toEqual([]);
  });
});

describe('additions do not break clients', () => {
  test('a new operation', () => {
    expect(
      breaksOf((document) => {
        document.paths['/api/v1/widgets'] = {
          get: { operationId: 'listWidgets', responses: { '200': { description: 'The widgets.' } } },
        };
      }),
    ).toEqual([]);
  });

  test('a new optional request property', () => {
    expect(
      breaksOf(({ components: { schemas } }) => {
        schemas.TeamCreate!.properties.colour = { type: 'string' };
      }),
    ).toEqual([]);
  });

  test('a widened enum', () => {
    expect(
      breaksOf(({ components: { schemas } }) => {
        schemas.AvailabilityChoice!.enum = [...schemas.AvailabilityChoice!.enum, 'away'];
        schemas.Availability!.enum = [...schemas.Availability!.enum, 'away'];
      }),
    ).toEqual([]);
  });

  test('a new response property', () => {
    expect(
      breaksOf(({ components: { schemas } }) => {
        schemas.Team!.properties.colour = { type: 'string' };
        schemas.Team!.required = [...schemas.Team!.required, 'colour'];
      }),
    ).toEqual([]);
  });

  test('a request property that now also takes null, and an optional parameter', () => {
    expect(
      breaksOf((document) => {
        document.components.schemas.TeamCreate!.properties.name.type = ['string', 'null'];
        document.paths[teams].get.parameters = [{ name: 'q', in: 'query', schema: { type: 'string' } }];
      }),
    ).toEqual([]);
  });
});

describe('acknowledged breaks', () => {
  const removeCreateTeam = (document: ReturnType<typeof spec>) => delete document.paths[teams].post;

  function sortOut(acknowledgements: unknown) {
    const after = spec();
    removeCreateTeam(after);
    return sortOutAcknowledged(findBreakingChanges(spec(), after), readAcknowledgements(acknowledgements));
  }

  test('a break an acknowledgement quotes passes', () => {
    const { acknowledged, unacknowledged } = sortOut({
      acknowledged: [{ break: `${createTeam}: operation removed`, reason: 'Teams are made by the platform API now.' }],
    });
    expect(unacknowledged).toEqual([]);
    expect(acknowledged.map(describeBreak)).toEqual([`${createTeam}: operation removed`]);
  });

  test('a break no acknowledgement quotes still fails', () => {
    const { unacknowledged } = sortOut({
      acknowledged: [{ break: `${getTeam}: operation removed`, reason: 'Another break.' }],
    });
    expect(unacknowledged.map(describeBreak)).toEqual([`${createTeam}: operation removed`]);
  });

  test('an acknowledgement without a reason is refused', () => {
    expect(() => sortOut({ acknowledged: [{ break: `${createTeam}: operation removed` }] })).toThrow(/reason/);
  });
});
