import { badInputSuite } from './suites/bad-input';
import { faultsSuite } from './suites/faults';
import { limitsSuite } from './suites/limits';
import { permissionsSuite } from './suites/permissions';
import { World } from './support/world';

/**
 * The attack suites share one world: an API process of their own over a seeded scratch table in the
 * running DynamoDB Local (see support/isolated-api.ts), the stream consumers on that table, and real
 * sessions of every role. They run in this order, in one file, so that nothing else writes while bad
 * input is compared against the table, and the fault suite (which kills the API) comes last.
 * Run one with -t: `npx jest --selectProjects attack -t "bad input"`.
 */
jest.setTimeout(300_000);

const world = new World();

beforeAll(() => world.start(), 600_000);
afterAll(() => world.stop(), 60_000);

permissionsSuite(world);
badInputSuite(world);
limitsSuite(world);
faultsSuite(world);
