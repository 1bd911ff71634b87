import { effectReference } from '../../../functions/lib/idempotency';
import { formatReport, reconcile, scanTable } from '../../../functions/ops/reconcile';
import { runWriteLoad, type Acknowledged } from '../support/write-load';
import type { ProductRef, World } from '../support/world';

/** Load before the kill, and after the restart. FAULT_LOAD_MS lengthens both. */
const PHASE_MS = Number(process.env.FAULT_LOAD_MS ?? 4000);
const SETTLE_MS = 20_000;
/**
 * The API under attack takes over an abandoned Idempotency-Key after this long (World sets
 * IDEMPOTENCY_TAKEOVER_S for it; 60 s in production): the load after the restart runs past it, so
 * requests cut by the kill are retried into a takeover and re-run their handler.
 */
const takeoverMs = (): number => Number(process.env.IDEMPOTENCY_TAKEOVER_S ?? 60) * 1000;
const afterRestartMs = (): number => Math.max(PHASE_MS, takeoverMs() + 4000);

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
      await new Promise((r) => setTimeout(r, Math.max(0, afterRestartMs() - restartMs)));
      finish();
      ack = await load;
      const report = await reconcile({ settleMs: SETTLE_MS });
      // Assert
      console.log(
        `fault run: restart ${restartMs} ms; acknowledged ${ack.signups.length} signups, ${ack.profileUpdates} profile updates, ${ack.staffGrants.length} staff grants, ${ack.postings.length} stock postings, ${ack.products.length} products; ${ack.interrupted} interrupted requests, ${ack.waitedForTakeover} answered after a takeover wait (takeover ${takeoverMs()} ms, load after restart ${afterRestartMs()} ms); refused ${JSON.stringify(ack.refused)}`,
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

    it('applied nothing twice, and every kind of write it sent is as the clients were told (profiles, stock, products)', async () => {
      const table = await scanTable();
      const problems: string[] = [];
      // profiles: each acknowledged account holds one of the nicknames sent to it (the last write wins)
      for (const userId of ack.profilesUpdated) {
        const nickname = table.get(`USER#${userId}`, 'PROFILE')?.nickname;
        if (typeof nickname !== 'string' || !ack.nicknamesSent.get(userId)?.has(nickname))
          problems.push(`profile of ${userId}: nickname ${String(nickname)} is none of those sent`);
      }
      // stock: each request (one Idempotency-Key) has at most one posting; an acknowledged one exactly the posting it was answered with
      const postings = table.ofEntity('StockPosting');
      const acknowledged = new Set(ack.postings.map((p) => p.postingId));
      for (const r of ack.stockRequests) {
        const reference = `idempotency:${effectReference({ route: 'adjust-sku-stock', caller: r.caller, key: r.key, request: null })}`;
        const mine = postings.filter((p) => p.skuId === r.skuId && p.reference === reference);
        if (mine.length > 1) problems.push(`stock request ${r.key}: applied ${mine.length} times (${mine.map((p) => String(p.id)).join(', ')})`);
      }
      for (const id of acknowledged) {
        const p = postings.find((x) => x.id === id);
        if (!p || typeof p.reference !== 'string' || !p.reference.startsWith('idempotency:'))
          problems.push(`posting ${id}: missing or without its request's reference`);
      }
      // products: one SKU code was sent per create request, so a code on two SKUs is a create applied twice
      const skusByCode = new Map<string, number>();
      for (const sku of table.ofEntity('Sku')) if (typeof sku.code === 'string') skusByCode.set(sku.code, (skusByCode.get(sku.code) ?? 0) + 1);
      for (const code of ack.productCodes) if ((skusByCode.get(code) ?? 0) > 1) problems.push(`product create ${code}: applied ${skusByCode.get(code)} times`);
      expect(ack.stockRequests.length).toBeGreaterThan(0);
      expect(ack.profilesUpdated.size).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });
  });
}
