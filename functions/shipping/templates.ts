/**
 * Shipping fee templates (AP72): all of a store's templates live in ONE item, so pricing a checkout
 * reads every store's templates in the same BatchGet as the catalog. Writes condition on the item's
 * revision; at most one template is the store's default.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { MAX_SHIPPING_TEMPLATES, ShippingTemplate, ShippingTemplateInput } from '@wxshop/shared/shipping';
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

/** Read-modify-write of the store's templates, retried when another edit saved in between (edits are rare). */
async function edit<T>(merchantId: string, change: (prev: ShippingTemplatesItem | undefined) => { next: ShippingTemplate[]; result: T }): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const prev = await read(merchantId);
    const { next, result } = change(prev);
    try {
      await save(merchantId, prev, next);
      return result;
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 4) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 50 * (attempt + 1)));
    }
  }
}

/** AP72: a store's templates. */
export async function listTemplates(merchantId: string): Promise<{ items: ShippingTemplate[] }> {
  return { items: (await read(merchantId))?.templates ?? [] };
}

export async function createTemplate(merchantId: string, input: Input, now = new Date()): Promise<ShippingTemplate> {
  const t = toTemplate(merchantId, ulid(now.getTime()), input, now.toISOString());
  return edit(merchantId, (prev) => {
    const list = prev?.templates ?? [];
    if (list.length >= MAX_SHIPPING_TEMPLATES) throw new UnprocessableError(`At most ${MAX_SHIPPING_TEMPLATES} templates per store`);
    const next = withDefault([...list, t], t.isDefault ? t.id : null);
    return { next, result: next.find((x) => x.id === t.id)! };
  });
}

export async function updateTemplate(merchantId: string, templateId: string, input: Input, now = new Date()): Promise<ShippingTemplate> {
  const t = toTemplate(merchantId, templateId, input, now.toISOString());
  return edit(merchantId, (prev) => {
    const list = prev?.templates ?? [];
    if (!list.some((x) => x.id === templateId)) throw new NotFoundError('shipping template');
    const currentDefault = list.find((x) => x.isDefault)?.id ?? null;
    const defaultId = input.isDefault ? templateId : currentDefault;
    const next = withDefault(
      list.map((x) => (x.id === templateId ? t : x)),
      defaultId,
    );
    return { next, result: next.find((x) => x.id === templateId)! };
  });
}

/** Deletes a template; products naming it fall back to the store's default template. */
export async function deleteTemplate(merchantId: string, templateId: string): Promise<{ ok: true }> {
  return edit(merchantId, (prev) => {
    const list = prev?.templates ?? [];
    if (!list.some((t) => t.id === templateId)) throw new NotFoundError('shipping template');
    return {
      next: withDefault(
        list.filter((t) => t.id !== templateId),
        null,
      ),
      result: { ok: true as const },
    };
  });
}
