import { formatReport, reconcile, scanTable } from '../../../functions/ops/reconcile';
import { runWriteLoad, type Acknowledged } from '../support/write-load';
import type { ProductRef, World } from '../support/world';

/** Load before the kill, and after the restart. FAULT_LOAD_MS lengthens both. */
const PHASE_MS = Number(process.env.FAULT_LOAD_MS ?? 4000);
const SETTLE_MS = 20_000;

export function faultsSuite(w: World): void {
  describe('faults (the API process is killed in the middle of a write-heavy load and restarted)', () => {
    let products: ProductRef[];
    let ack: Acknowledged;
    let restartMs = 0;

    beforeAll(async () => {
      products = [await w.product('A'), await w.product('A'), await w.product('A', 'approved')];
    });

    it('reconciles before the load', async () => {
      const report = await reconcile({ settleMs: SETTLE_MS });
      expect(formatReport(report)).toContain('Everything reconciles.');
    });

    it('still reconciles (identities, roles, signup counters, stock and postings) after a SIGKILL mid-load and a restart', async () => {
      // Prepare
      let finish!: () => void;
      const stop = new Promise<void>((r) => (finish = r));
      // Act: load; kill the API under it; restart it; more load; stop
      const load = runWriteLoad(w, products, stop);
      await new Promise((r) => setTimeout(r, PHASE_MS));
      await w.api.kill();
      const killedAt = Date.now();
      await w.api.restart();
      restartMs = Date.now() - killedAt;
      await new Promise((r) => setTimeout(r, PHASE_MS));
      finish();
      ack = await load;
      const report = await reconcile({ settleMs: SETTLE_MS });
      // Assert
      console.log(
        `fault run: restart ${restartMs} ms; acknowledged ${ack.signups.length} signups, ${ack.profileUpdates} profile updates, ${ack.staffGrants.length} staff grants, ${ack.postings.length} stock postings, ${ack.products.length} products; ${ack.interrupted} interrupted requests; refused ${JSON.stringify(ack.refused)}`,
      );
      expect(ack.interrupted).toBeGreaterThan(0);
      expect(ack.signups.length + ack.staffGrants.length + ack.postings.length).toBeGreaterThan(0);
      expect(formatReport(report)).toContain('Everything reconciles.');
    });

    it('kept every write a client was told succeeded', async () => {
      const table = await scanTable();
      const lost = [
        ...ack.signups.filter((id) => !table.get(`USER#${id}`, 'PROFILE')).map((id) => `account ${id}`),
        ...ack.staffGrants.filter((id) => !table.get(`USER#${id}`, 'PLATFORM_ROLE')).map((id) => `platform role of ${id}`),
        ...ack.postings.filter((p) => !table.get(`STOCK#${p.skuId}`, `POSTING#${p.postingId}`)).map((p) => `posting ${p.postingId}`),
        ...ack.products.filter((id) => !table.get(`PRODUCT#${id}`, 'PRODUCT')).map((id) => `product ${id}`),
      ];
      expect(lost).toEqual([]);
    });
  });
}
