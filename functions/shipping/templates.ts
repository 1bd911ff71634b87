/**
 * Shipping fee templates (AP72): all of a store's templates live in ONE item, so pricing a checkout
 * reads every store's templates in the same BatchGet as the catalog. Writes condition on the item's
 * revision; at most one template is the store's default.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { MAX_SHIPPING_TEMPLATES, ShippingTemplate, ShippingTemplateInput } from '@wxshop/shared';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { ConflictError, NotFoundError, UnprocessableError, isConditionFailure } from '../lib/errors';

export const ShippingTemplatesItem = z.object({
  entity: z.literal('ShippingTemplates'),
  merchantId: z.string(),
  templates: z.array(ShippingTemplate),
  revision: z.number().int(),
});
export type ShippingTemplatesItem = z.infer<typeof ShippingTemplatesItem>;

type Input = z.output<typeof ShippingTemplateInput>;

async function read(merchantId: string): Promise<ShippingTemplatesItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.shippingTemplates(merchantId), ConsistentRead: true }));
  return out.Item ? ShippingTemplatesItem.parse(out.Item) : undefined;
}

async function save(merchantId: string, prev: ShippingTemplatesItem | undefined, templates: ShippingTemplate[]): Promise<void> {
  const item: ShippingTemplatesItem = { entity: 'ShippingTemplates', merchantId, templates, revision: (prev?.revision ?? 0) + 1 };
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.shippingTemplates(merchantId), ...item },
        ConditionExpression: prev ? 'revision = :rev' : 'attribute_not_exists(PK)',
        ...(prev ? { ExpressionAttributeValues: { ':rev': prev.revision } } : {}),
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError('The templates changed meanwhile: try again');
    throw err;
  }
}

/** Only one default: making one the default clears the others; the first template is the default. */
function withDefault(templates: ShippingTemplate[], defaultId: string | null): ShippingTemplate[] {
  const id = defaultId ?? templates.find((t) => t.isDefault)?.id ?? templates[0]?.id ?? null;
  return templates.map((t) => ({ ...t, isDefault: t.id === id }));
}

const toTemplate = (merchantId: string, id: string, input: Input, at: string): ShippingTemplate => ({
  id,
  merchantId,
  name: input.name,
  basis: input.basis,
  defaultRule: input.defaultRule,
  regionRules: input.regionRules,
  freeAbove: input.freeAbove,
  excludedRegions: input.excludedRegions,
  isDefault: input.isDefault,
  updatedAt: at,
});

/** AP72: a store's templates. */
export async function listTemplates(merchantId: string): Promise<{ items: ShippingTemplate[] }> {
  return { items: (await read(merchantId))?.templates ?? [] };
}

export async function createTemplate(merchantId: string, input: Input, now = new Date()): Promise<ShippingTemplate> {
  const prev = await read(merchantId);
  const list = prev?.templates ?? [];
  if (list.length >= MAX_SHIPPING_TEMPLATES) throw new UnprocessableError(`At most ${MAX_SHIPPING_TEMPLATES} templates per store`);
  const t = toTemplate(merchantId, ulid(now.getTime()), input, now.toISOString());
  const next = withDefault([...list, t], t.isDefault ? t.id : null);
  await save(merchantId, prev, next);
  return next.find((x) => x.id === t.id)!;
}

export async function updateTemplate(merchantId: string, templateId: string, input: Input, now = new Date()): Promise<ShippingTemplate> {
  const prev = await read(merchantId);
  const list = prev?.templates ?? [];
  if (!list.some((t) => t.id === templateId)) throw new NotFoundError('shipping template');
  const t = toTemplate(merchantId, templateId, input, now.toISOString());
  const currentDefault = list.find((x) => x.isDefault)?.id ?? null;
  const defaultId = input.isDefault ? templateId : currentDefault === templateId ? templateId : currentDefault;
  const next = withDefault(
    list.map((x) => (x.id === templateId ? t : x)),
    defaultId,
  );
  await save(merchantId, prev, next);
  return next.find((x) => x.id === templateId)!;
}

/** Deletes a template; products naming it fall back to the store's default template. */
export async function deleteTemplate(merchantId: string, templateId: string): Promise<{ ok: true }> {
  const prev = await read(merchantId);
  const list = prev?.templates ?? [];
  if (!list.some((t) => t.id === templateId)) throw new NotFoundError('shipping template');
  const rest = list.filter((t) => t.id !== templateId);
  await save(merchantId, prev, withDefault(rest, null));
  return { ok: true };
}
