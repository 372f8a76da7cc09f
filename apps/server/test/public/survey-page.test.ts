import type { Browser, Page } from 'playwright-core';
import {
  type AccountFixture,
  createAccountFixture,
  type ManualClock,
  manualClock,
  startTestServer,
  type TestServer,
} from '../../src/testing';
import { openBrowser } from '../../src/testing/browser';

let server: TestServer;
let fixture: AccountFixture;
let clock: ManualClock;
let browser: Browser;
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ clock });
  fixture = await createAccountFixture(server);
  browser = await openBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server.close();
});

const A = () => `/api/v1/accounts/${fixture.accountId}`;

/** A resolved conversation of an inbox that sends surveys; answers its uuid. */
async function surveyedConversation(csatConfig: Record<string, unknown> = {}): Promise<string> {
  const inbox = await server.request<{ inbox_identifier: string }>('POST', `${A()}/inboxes`, {
    token: fixture.admin.token,
    body: { name: 'Acme support', channel: { type: 'api' }, csat_survey_enabled: true, csat_config: csatConfig },
  });
  const contact = await server.request<{ source_id: string }>(
    'POST',
    `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts`,
    { body: { name: 'Rita Rater' } },
  );
  const path = `/public/api/v1/inboxes/${inbox.body.inbox_identifier}/contacts/${contact.body.source_id}/conversations`;
  const conversation = await server.request<{ id: number; uuid: string }>('POST', path, { body: {} });
  await server.request('POST', `${path}/${conversation.body.id}/toggle_status`);
  return conversation.body.uuid;
}

/** A page that fails the test on any script error, and remembers every address it asks for. */
async function surveyTab(): Promise<{ page: Page; requested: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const requested: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, requested, errors };
}

test('a contact rates the conversation on the survey page, and sees the answer again on reload', async () => {
  const uuid = await surveyedConversation({ message: 'How did Acme do?' });
  const { page, requested, errors } = await surveyTab();
  const opened = await page.goto(`${server.url}/survey/responses/${uuid}`);
  expect(opened?.status()).toBe(200);
  expect(opened?.headers()['content-security-policy']).toMatch(/default-src 'none'/);
  await expect(page.locator('h1').textContent()).resolves.toBe('Acme support');
  await expect(page.locator('.question').textContent()).resolves.toBe('How did Acme do?');

  await page.getByTitle('4 – Happy').click();
  await page.getByLabel('Tell us more (optional)').fill('Helpful, thanks');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByText('Thank you for your feedback! Your rating: 4 of 5.').waitFor();

  const stored = await server.request('GET', `/public/api/v1/csat_survey/${uuid}`);
  expect(stored.body.csat_survey_response).toMatchObject({ rating: 4, feedback_message: 'Helpful, thanks' });

  await page.reload();
  await expect(page.locator('input[name="rating"][value="4"]').isChecked()).resolves.toBe(true);
  await expect(page.getByLabel('Tell us more (optional)').inputValue()).resolves.toBe('Helpful, thanks');
  await expect(page.locator('#status').textContent()).resolves.toMatch(/Your rating: 4 of 5/);

  expect(errors).toEqual([]);
  expect(requested.filter((address) => !address.startsWith(server.url))).toEqual([]);
  await page.close();
}, 60_000);

test('a star survey shows stars, and closes 14 days after it was sent', async () => {
  const uuid = await surveyedConversation({ display_type: 'star' });
  const { page, errors } = await surveyTab();
  await page.goto(`${server.url}/survey/responses/${uuid}`);
  await expect(page.locator('.rating.star').count()).resolves.toBe(5);
  await expect(page.getByRole('button', { name: 'Submit' }).isEnabled()).resolves.toBe(true);

  clock.advance(14 * 86_400 + 1);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Submit' }).isEnabled()).resolves.toBe(false);
  await expect(page.locator('#status').textContent()).resolves.toMatch(/This survey closed on/);
  expect(errors).toEqual([]);
  await page.close();
}, 60_000);

test('a link to no survey opens a 404 page', async () => {
  const { page } = await surveyTab();
  const opened = await page.goto(`${server.url}/survey/responses/00000000-0000-4000-8000-000000000000`);
  expect(opened?.status()).toBe(404);
  await expect(page.locator('h1').textContent()).resolves.toBe('Survey not found');
  await page.close();
}, 60_000);
