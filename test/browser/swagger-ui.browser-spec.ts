import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildService } from '../helpers/built-service';
import { ServiceProcess } from '../helpers/service-process';

/**
 * What a newcomer does in Swagger UI, in Debian's Chromium: authorize with the admin token, remove a
 * member of the demo data with "Try it out", again for the 404, and find the token still there after
 * a reload. Screenshots of each step go to test/artifacts/swagger-ui/.
 */
const CHROMIUM = '/usr/bin/chromium';
const onCi = process.env.CI === 'true';
const ADMIN_TOKEN = 'swagger-ui-browser-test-admin-token';
const SCREENSHOTS = resolve(process.cwd(), 'test/artifacts/swagger-ui');
const STEP_TIMEOUT = 30_000;

// The demo fixture's group Engineering and one of its members.
const demo = JSON.parse(readFileSync(resolve(process.cwd(), 'src/cli/fixtures/demo.json'), 'utf8'));
const group = demo.groups.find((candidate: { slug: string }) => candidate.slug === 'engineering');
const member = demo.users.find((user: { username: string }) => user.username === 'alan.turing@example.com');

// Chromium is a system package: a developer without it gets a skip and a reason; CI installs it and never skips.
const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing && !onCi) {
  process.stderr.write(`Skipping the Swagger UI browser test: no Chromium at ${CHROMIUM} (on Debian or Ubuntu: apt-get install chromium).\n`);
}
const describeInBrowser = chromiumMissing && !onCi ? describe.skip : describe;

describeInBrowser('Swagger UI in a real browser', () => {
  let workDir: string;
  let service: ServiceProcess;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  /** Requests the page made to any other host: each would fail without network access. */
  const foreignRequests: string[] = [];
  /** Errors the page logged, CSP violations among them; answers of the API that are errors are the test's to check. */
  const pageErrors: string[] = [];
  /** Files of the page itself that failed to load. */
  const missingFiles: string[] = [];

  beforeAll(async () => {
    if (chromiumMissing) throw new Error(`Chromium is required on CI: nothing at ${CHROMIUM}; .ci/run installs Debian's chromium package`);
    workDir = await mkdtemp(join(tmpdir(), 'groups-swagger-ui-'));
    await rm(SCREENSHOTS, { recursive: true, force: true });
    await mkdir(SCREENSHOTS, { recursive: true });
    await buildService(join(workDir, 'app'));
    service = ServiceProcess.deployment(join(workDir, 'app'), {
      DATABASE_URL: `sqlite:${join(workDir, 'groups.sqlite')}`,
      SEED_DEMO: 'true',
      INITIAL_ADMIN_TOKEN: ADMIN_TOKEN,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
    });
    baseUrl = await service.listening();

    context = await chromium.launchPersistentContext(join(workDir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      // The machine has no outside network: nothing in the background may try to reach it.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 1000 },
    });
    await context.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === baseUrl) return route.continue();
      foreignRequests.push(route.request().url());
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT / 2);
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource: the server responded with a status of'))
        pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (!new URL(response.url()).pathname.startsWith('/api/v1/') && response.status() >= 400) missingFiles.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await service?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** What the user sees: the window, or the whole of one part of the page. */
  const screenshot = (name: string, part?: Locator) => (part ?? page).screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  const removeGroupUser = () => page.locator('#operations-Groups-removeUserFromGroup');

  /** The authorization dialog says the token is set: "Authorized", the value masked, and a Logout button. */
  async function authorized(dialog: Locator): Promise<void> {
    await dialog.getByText('Authorized', { exact: true }).waitFor();
    await expect(dialog.locator('code', { hasText: '******' }).count()).resolves.toBe(1);
    await expect(dialog.locator('button', { hasText: 'Logout' }).count()).resolves.toBe(1);
  }

  /** Presses Execute and reads the answer Swagger UI shows: its status and its body. */
  async function execute(operation: Locator): Promise<{ status: number; body: unknown }> {
    const answered = page.waitForResponse((response) => response.request().method() === 'DELETE');
    await operation.locator('button.execute').click();
    await answered;
    const response = operation.locator('.live-responses-table tbody .response');
    await response.waitFor();
    const status = Number((await response.locator('.response-col_status').innerText()).trim());
    const body = JSON.parse(await response.locator('.highlight-code code').innerText());
    return { status, body };
  }

  it(
    'opens from the service alone, titled with the name and version, with the Groups operations listed',
    async () => {
      await page.goto(`${baseUrl}/api/docs`);
      await removeGroupUser().waitFor();
      const { version } = JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8'));
      await expect(page.title()).resolves.toContain(`Groups API ${version}`);
      await expect(page.locator('.info .title').innerText()).resolves.toMatch(new RegExp(`^Groups API\\s*${version.replace(/\./g, '\\.')}`));
      const tags = await page.locator('.opblock-tag-section h3').allInnerTexts();
      expect(tags.map((tag) => tag.split('\n')[0].trim())).toEqual(['Groups', 'Identities', 'Universal Auth', 'Audit Logs', 'Status', 'SCIM tokens', 'SCIM']);
      await screenshot('01-opened');
      expect({ foreignRequests, missingFiles, pageErrors }).toEqual({ foreignRequests: [], missingFiles: [], pageErrors: [] });
    },
    STEP_TIMEOUT,
  );

  it(
    'authorizes with the admin token',
    async () => {
      await page.locator('.auth-wrapper button.authorize').click();
      const dialog = page.locator('.modal-ux');
      // The dialog also offers the SCIM routes' scheme; the regular API's is bearerAuth.
      const bearerAuth = dialog.locator('form', { hasText: 'bearerAuth' });
      await bearerAuth.locator('input[type="text"]').fill(ADMIN_TOKEN);
      await bearerAuth.locator('button.authorize[type="submit"]').click();
      await authorized(dialog);
      await screenshot('02-authorized');
      await bearerAuth.locator('button.btn-done').click();
      await expect(page.locator('.auth-wrapper button.authorize').getAttribute('class')).resolves.toMatch(/\blocked\b/);
    },
    STEP_TIMEOUT,
  );

  it(
    'removes a member of the demo data with Try it out, and shows the removed user',
    async () => {
      const operation = removeGroupUser();
      await operation.locator('.opblock-summary').click();
      await operation.locator('button.try-out__btn').click();
      await operation.locator('tr[data-param-name="id"] input').fill(group.id);
      await operation.locator('tr[data-param-name="username"] input').fill(member.username);
      await screenshot('03-try-it-out', operation.locator('.parameters-container'));
      const { status, body } = await execute(operation);
      await screenshot('04-removed', operation.locator('.responses-wrapper .responses-inner > div').first());
      expect(status).toBe(200);
      expect(body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        username: member.username,
        email: member.email,
        firstName: member.firstName,
        lastName: member.lastName,
      });
    },
    STEP_TIMEOUT,
  );

  it(
    'answers 404 with the envelope when the same removal is executed again',
    async () => {
      const operation = removeGroupUser();
      await operation.locator('button.btn-clear').click();
      const { status, body } = await execute(operation);
      await screenshot('05-not-a-member', operation.locator('.responses-wrapper .responses-inner > div').first());
      expect(status).toBe(404);
      expect(body).toEqual({
        reqId: expect.stringMatching(/^req-[A-Za-z0-9]{14}$/),
        statusCode: 404,
        message: `User ${member.username} is not part of the group ${group.slug}`,
        error: 'NotFound',
      });
    },
    STEP_TIMEOUT,
  );

  it(
    'keeps the authorization across a reload',
    async () => {
      await page.reload();
      await removeGroupUser().waitFor();
      await expect(page.locator('.auth-wrapper button.authorize').getAttribute('class')).resolves.toMatch(/\blocked\b/);
      await page.locator('.auth-wrapper button.authorize').click();
      const dialog = page.locator('.modal-ux');
      await authorized(dialog);
      await screenshot('06-reloaded');
      expect({ foreignRequests, missingFiles, pageErrors }).toEqual({ foreignRequests: [], missingFiles: [], pageErrors: [] });
    },
    STEP_TIMEOUT,
  );
});
