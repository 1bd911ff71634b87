/**
 * The e2e project's test environment: Node's, plus a note on every failure saying which run it was
 * and who the test was (the phones it signed in with, the tabs it opened), so a failed run's data can be
 * found in the stack's table and simulator logs (`/_sim/sms/messages?phone=...`) and its screenshots
 * under test-artifacts/e2e/<tab>/.
 */
import { TestEnvironment } from 'jest-environment-node';
import type { Circus } from '@jest/types';

export interface E2eSubjects {
  run: string;
  phones: string[];
  tabs: string[];
}

export default class E2eEnvironment extends TestEnvironment {
  override async setup(): Promise<void> {
    await super.setup();
    const subjects: E2eSubjects = { run: `e2e-${Date.now().toString(36)}-${process.pid}`, phones: [], tabs: [] };
    this.global.__e2eSubjects = subjects;
  }

  handleTestEvent(event: Circus.Event): void {
    if (event.name !== 'test_fn_failure' && event.name !== 'hook_failure') return;
    const s = this.global.__e2eSubjects as E2eSubjects | undefined;
    if (!s) return;
    const where = event.name === 'test_fn_failure' ? event.test.name : `${event.hook.type} hook`;
    process.stderr.write(
      `\n[e2e failure] "${where}": run ${s.run}; phones ${s.phones.join(', ') || '-'}; tabs (test-artifacts/e2e/) ${s.tabs.join(', ') || '-'}\n`,
    );
  }
}
