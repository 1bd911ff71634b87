/**
 * After-sale news to the other side (docs/adr/0055): a step the shopper took goes to the store's inbox
 * (AP26), a step the store took to the shopper's (AP84), a step of the system, of WeChat Pay (approved
 * automatically, refunded, refund failed) or of the platform (arbitration, ADR 0059) to both. Once per event: the message id is the event's id.
 * NOTE: no WeChat subscribe message yet (no after-sale template is registered); the inbox only.
 */
import type { LocalizedText } from '@wxshop/shared/i18n/languages';
import { stream } from '../lib/stream';
import { keys } from '../lib/keys';
import { batchGet, keyString, putIfAbsent } from '../lib/table-ops';
import { postShopperMessage } from '../notifications/shopper-inbox';
import { AfterSaleEventItem } from './items';

type EventType = AfterSaleEventItem['type'];

const TITLE: Record<EventType, LocalizedText> = {
  AfterSaleRequested: {
    'zh-CN': '新的售后申请',
    en: 'New after-sale request',
    es: 'Nueva solicitud posventa',
    fr: 'Nouvelle demande SAV',
    de: 'Neue Reklamation',
  },
  AfterSaleApproved: { 'zh-CN': '售后申请已同意', en: 'After-sale approved', es: 'Posventa aprobada', fr: 'SAV accepté', de: 'Reklamation angenommen' },
  AfterSaleRejected: { 'zh-CN': '售后申请被拒绝', en: 'After-sale rejected', es: 'Posventa rechazada', fr: 'SAV refusé', de: 'Reklamation abgelehnt' },
  AfterSaleCancelled: { 'zh-CN': '售后申请已撤销', en: 'After-sale withdrawn', es: 'Posventa retirada', fr: 'SAV retiré', de: 'Reklamation zurückgezogen' },
  AfterSaleReturnShipped: {
    'zh-CN': '买家已寄回商品',
    en: 'Return on its way',
    es: 'Devolución en camino',
    fr: 'Retour en route',
    de: 'Rücksendung unterwegs',
  },
  AfterSaleReturnReceived: { 'zh-CN': '商家已收到退货', en: 'Return received', es: 'Devolución recibida', fr: 'Retour reçu', de: 'Rücksendung erhalten' },
  AfterSaleEscalated: {
    'zh-CN': '买家申请平台介入',
    en: 'Escalated to the platform',
    es: 'Escalada a la plataforma',
    fr: 'Transmis à la plateforme',
    de: 'An die Plattform eskaliert',
  },
  AfterSaleRefunded: { 'zh-CN': '退款成功', en: 'Refund completed', es: 'Reembolso completado', fr: 'Remboursement effectué', de: 'Erstattung abgeschlossen' },
  AfterSaleRefundFailed: {
    'zh-CN': '退款异常',
    en: 'Refund problem',
    es: 'Problema con el reembolso',
    fr: 'Problème de remboursement',
    de: 'Problem mit der Erstattung',
  },
  AfterSaleEvidenceAdded: {
    'zh-CN': '售后纠纷有新的举证',
    en: 'New evidence in a dispute',
    es: 'Nuevas pruebas en una disputa',
    fr: 'Nouvelle preuve dans un litige',
    de: 'Neuer Nachweis in einem Streitfall',
  },
  AfterSaleArbitrated: {
    'zh-CN': '平台已裁决：支持买家',
    en: 'The platform decided for the shopper',
    es: 'La plataforma falló a favor del comprador',
    fr: 'La plateforme a tranché pour l’acheteur',
    de: 'Die Plattform hat für den Käufer entschieden',
  },
  AfterSaleClosed: {
    'zh-CN': '平台已裁决：售后关闭',
    en: 'The platform closed the case',
    es: 'La plataforma cerró el caso',
    fr: 'La plateforme a clos le dossier',
    de: 'Die Plattform hat den Fall geschlossen',
  },
  AfterSaleReplacementShipped: {
    'zh-CN': '换货已发出',
    en: 'Replacement on its way',
    es: 'Reemplazo en camino',
    fr: 'Remplacement en route',
    de: 'Ersatz unterwegs',
  },
  AfterSaleExchanged: { 'zh-CN': '换货已完成', en: 'Exchange completed', es: 'Cambio completado', fr: 'Échange terminé', de: 'Umtausch abgeschlossen' },
};

const yuan = (fen: number): string => (fen / 100).toFixed(2);
const body = (e: AfterSaleEventItem): LocalizedText => ({
  'zh-CN': `订单 ${e.orderId}：售后 ${e.afterSaleId}，金额 ¥${yuan(e.amount)}${e.reason ? `（${e.reason}）` : ''}`,
  en: `Order ${e.orderId}: after-sale ${e.afterSaleId}, ¥${yuan(e.amount)}${e.reason ? ` (${e.reason})` : ''}`,
  es: `Pedido ${e.orderId}: posventa ${e.afterSaleId}, ¥${yuan(e.amount)}${e.reason ? ` (${e.reason})` : ''}`,
  fr: `Commande ${e.orderId} : SAV ${e.afterSaleId}, ¥${yuan(e.amount)}${e.reason ? ` (${e.reason})` : ''}`,
  de: `Bestellung ${e.orderId}: Reklamation ${e.afterSaleId}, ¥${yuan(e.amount)}${e.reason ? ` (${e.reason})` : ''}`,
});

/** Who hears of a step: the side that did not take it (both for the system's and WeChat Pay's). */
export const recipientsOf = (e: Pick<AfterSaleEventItem, 'actor'>): { shopper: boolean; merchant: boolean } => ({
  shopper: e.actor.kind !== 'shopper',
  merchant: e.actor.kind !== 'merchant',
});

async function toMerchant(e: AfterSaleEventItem): Promise<void> {
  const raw = (await batchGet([keys.merchant(e.merchantId)])).get(keyString(keys.merchant(e.merchantId)));
  await putIfAbsent({
    ...keys.merchantInboxMessage(e.merchantId, e.id),
    entity: 'MerchantInboxMessage',
    id: e.id,
    merchantId: e.merchantId,
    kind: 'after_sale',
    status: typeof raw?.status === 'string' ? raw.status : 'open',
    reason: e.reason,
    title: TITLE[e.type],
    body: body(e),
    data: { afterSaleId: e.afterSaleId, orderId: e.orderId, status: e.to },
    createdAt: e.at,
  });
}

async function toShopper(e: AfterSaleEventItem): Promise<void> {
  await postShopperMessage({
    entity: 'ShopperMessage',
    id: e.id,
    userId: e.userId,
    kind: 'after_sale',
    orderId: e.orderId,
    storeName: e.storeName,
    parcel: null,
    afterSale: { id: e.afterSaleId, status: e.to, amount: e.amount },
    read: false,
    createdAt: e.at,
    wechat: 'none',
  });
}

export const handler = stream({ name: 'notify-after-sale', events: ['INSERT'], item: AfterSaleEventItem }).handler(async ({ item }) => {
  const to = recipientsOf(item);
  if (to.shopper) await toShopper(item);
  if (to.merchant) await toMerchant(item);
});
