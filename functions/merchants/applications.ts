import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import {
  ApplicationContent,
  ApplicationStatus,
  type Application,
  type ApplicationDetail,
  type ApplicationInput,
  type ApplicationVersion,
  type MerchantAdminView,
} from '@wxshop/shared/merchants';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { ConflictError, NotFoundError, failedConditionIndexes, isConditionFailure } from '../lib/errors';
import { assertTopLevelCategory } from '../categories/categories';
import { queryPage, transact, putNew } from '../lib/table-ops';
import { StoreNameTakenError, creationFailure, ensureMerchantRolesMap, getMerchant, isStoreNameTaken, merchantCreationItems, toAdminView } from './merchants';
import { assertUploaded, privateImageUrl } from './uploads';
import { objectKeys } from '../lib/object-keys';
import { answerOnce, effectPut, priorEffect, type Effect } from '../lib/effects';

/** AP20: the application, as it stands now. */
const ApplicationItem = ApplicationContent.extend({
  entity: z.literal('MerchantApplication'),
  id: z.string(),
  applicantId: z.string(),
  status: ApplicationStatus,
  version: z.number().int().positive(),
  rejectReason: z.string().optional(),
  merchantId: z.string().optional(),
  submittedAt: z.string(),
  reviewedAt: z.string().optional(),
  reviewedBy: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
type ApplicationItem = z.infer<typeof ApplicationItem>;

/** AP20: one submission, written once; only its review decision is added later. */
const VersionItem = ApplicationContent.extend({
  entity: z.literal('MerchantApplicationVersion'),
  applicationId: z.string(),
  version: z.number().int().positive(),
  submittedAt: z.string(),
  decision: z.enum(['approved', 'rejected']).optional(),
  reason: z.string().optional(),
  reviewedAt: z.string().optional(),
  reviewedBy: z.string().optional(),
});
type VersionItem = z.infer<typeof VersionItem>;

const content = (i: ApplicationContent): ApplicationContent => ({
  businessType: i.businessType,
  storeName: i.storeName,
  licenceNumber: i.licenceNumber,
  contactName: i.contactName,
  contactPhone: i.contactPhone,
  categoryId: i.categoryId,
  documentKeys: i.documentKeys,
});

const toApplication = (a: ApplicationItem): Application => ({
  ...content(a),
  id: a.id,
  applicantId: a.applicantId,
  status: a.status,
  version: a.version,
  rejectReason: a.status === 'rejected' ? (a.rejectReason ?? null) : null,
  merchantId: a.merchantId ?? null,
  submittedAt: a.submittedAt,
  reviewedAt: a.reviewedAt ?? null,
  reviewedBy: a.reviewedBy ?? null,
  createdAt: a.createdAt,
});

const toVersion = (v: VersionItem): ApplicationVersion => ({
  ...content(v),
  version: v.version,
  submittedAt: v.submittedAt,
  decision: v.decision ?? null,
  reason: v.reason ?? null,
  reviewedAt: v.reviewedAt ?? null,
  reviewedBy: v.reviewedBy ?? null,
});

/**
 * Checks what a submission refers to: documents are the applicant's own uploads and exist, the
 * category is a top-level one, and the store name is free now (the approval decides for good).
 */
async function checkSubmission(applicantId: string, input: ApplicationInput): Promise<void> {
  await assertUploaded(input.documentKeys, objectKeys.applicationDocuments(applicantId), 'body.documentKeys');
  await assertTopLevelCategory(input.categoryId);
  if (await isStoreNameTaken(input.storeName)) throw new StoreNameTakenError(input.storeName);
}

function versionPut(applicationId: string, version: number, input: ApplicationInput, submittedAt: string) {
  const item: VersionItem = { entity: 'MerchantApplicationVersion', applicationId, version, submittedAt, ...content(input) };
  return {
    Put: { TableName: tableName(), Item: { ...keys.applicationVersion(applicationId, version), ...item }, ConditionExpression: 'attribute_not_exists(PK)' },
  };
}

/** Runs a write whose refusal may only mean that a re-run of the same request already wrote it (ADR 0034). */
async function onceOnly(reference: string | undefined, write: () => Promise<void>): Promise<Effect | null> {
  try {
    await write();
    return null;
  } catch (err) {
    const prior = err instanceof ConflictError ? await priorEffect(reference) : null;
    if (prior) return prior;
    throw err;
  }
}

/**
 * A user applies to open a store. Primary course: 1. check documents, category and name;
 * 2. one transaction writes the user's open-application marker (only if there is none: one open
 * application per user, 409 otherwise), the application (in the review queue, AP21, and the
 * user's list, AP22) and its version 1.
 */
export async function submitApplication(applicantId: string, input: ApplicationInput, id: string = ulid(), reference?: string): Promise<Application> {
  const prior = await priorEffect(reference);
  if (prior) return toApplication(await getApplicationItem(prior.resultId));
  await checkSubmission(applicantId, input);
  const now = new Date().toISOString();
  const item: ApplicationItem = {
    entity: 'MerchantApplication',
    id,
    applicantId,
    status: 'submitted',
    version: 1,
    ...content(input),
    submittedAt: now,
    createdAt: now,
    updatedAt: now,
  };
  const raced = await onceOnly(reference, () =>
    transact(
      [
        putNew({ ...keys.userOpenApplication(applicantId), entity: 'OpenApplication', userId: applicantId, applicationId: id }),
        putNew({ ...keys.application(id), ...keys.userApplicationGsi1(applicantId, id), ...keys.applicationStatusGsi2('submitted', now, id), ...item }),
        versionPut(id, 1, input, now),
        ...(reference ? [effectPut(reference, { route: 'submit-application', resultId: id })] : []),
      ],
      () => new ConflictError('You have an open application already: wait for its review, or edit and resubmit it if it was rejected'),
    ),
  );
  return raced ? toApplication(await getApplicationItem(raced.resultId)) : toApplication(item);
}

/** AP20: the application and all its versions in one Query. */
async function readApplication(id: string): Promise<{ application: ApplicationItem; versions: VersionItem[] }> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.applicationPartition(id).PK },
      ConsistentRead: true,
    }),
  );
  const items = out.Items ?? [];
  const raw = items.find((i) => i.SK === keys.application(id).SK);
  if (!raw) throw new NotFoundError('application');
  return {
    application: ApplicationItem.parse(raw),
    versions: items.filter((i) => String(i.SK).startsWith(keys.applicationVersionsPrefix(id).SKPrefix)).map((i) => VersionItem.parse(i)),
  };
}

async function getApplicationItem(id: string): Promise<ApplicationItem> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.application(id), ConsistentRead: true }));
  if (!out.Item) throw new NotFoundError('application');
  return ApplicationItem.parse(out.Item);
}

/** An application with every version and signed links to the latest documents. `applicantId` restricts it to its applicant (others get 404). */
export async function getApplicationDetail(id: string, applicantId?: string): Promise<ApplicationDetail> {
  const { application, versions } = await readApplication(id);
  if (applicantId !== undefined && application.applicantId !== applicantId) throw new NotFoundError('application');
  const documentUrls = await Promise.all(application.documentKeys.map((k) => privateImageUrl(k)));
  return { ...toApplication(application), documentUrls, versions: versions.sort((a, b) => a.version - b.version).map(toVersion) };
}

/** AP22: a user's applications, newest first. */
export async function listUserApplications(applicantId: string): Promise<Application[]> {
  const p = keys.userApplicationsPrefix(applicantId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.byOwner,
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
      ExpressionAttributeValues: { ':pk': p.GSI1PK, ':prefix': p.GSI1SKPrefix },
      ScanIndexForward: false,
    }),
  );
  return (out.Items ?? []).map((i) => toApplication(ApplicationItem.parse(i)));
}

/** AP21: applications in one status, oldest submission first (the review queue for `submitted`). */
export async function listApplicationsByStatus(
  status: ApplicationStatus,
  limit = 50,
  cursor?: string,
): Promise<{ items: Application[]; nextCursor: string | null }> {
  const index = keys.applicationStatusIndex(status);
  const out = await queryPage(
    {
      IndexName: INDEX.byStatus,
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': index.GSI2PK },
    },
    { limit: limit, cursor: cursor, expected: { GSI2PK: index.GSI2PK } },
  );
  return { items: out.items.map((i) => toApplication(ApplicationItem.parse(i))), nextCursor: out.nextCursor };
}

/**
 * The applicant edits a rejected application and submits it again: the application takes the new
 * content and version n+1 (written beside the earlier ones, which stay as they were) and goes back
 * to the review queue. Only a rejected application can be resubmitted (409).
 */
export async function resubmitApplication(applicantId: string, id: string, input: ApplicationInput, reference?: string): Promise<Application> {
  const prior = await priorEffect(reference);
  if (prior) {
    const app = await getApplicationItem(prior.resultId);
    if (app.applicantId !== applicantId) throw new NotFoundError('application');
    return toApplication(app);
  }
  const current = await getApplicationItem(id);
  if (current.applicantId !== applicantId) throw new NotFoundError('application');
  if (current.status !== 'rejected') throw new ConflictError(`Only a rejected application can be resubmitted; this one is ${current.status}`);
  await checkSubmission(applicantId, input);
  const now = new Date().toISOString();
  const version = current.version + 1;
  const next: ApplicationItem = {
    entity: 'MerchantApplication',
    id,
    applicantId,
    status: 'submitted',
    version,
    ...content(input),
    submittedAt: now,
    createdAt: current.createdAt,
    updatedAt: now,
  };
  await transact(
    [
      {
        Put: {
          TableName: tableName(),
          Item: { ...keys.application(id), ...keys.userApplicationGsi1(applicantId, id), ...keys.applicationStatusGsi2('submitted', now, id), ...next },
          ConditionExpression: '#status = :rejected AND version = :version',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':rejected': 'rejected', ':version': current.version },
        },
      },
      versionPut(id, version, input, now),
      ...(reference ? [effectPut(reference, { route: 'resubmit-application', resultId: id })] : []),
    ],
    () => new ConflictError('The application changed meanwhile: reload it'),
  );
  return toApplication(next);
}

/** The writes that record a review decision on the application and on its current version. */
function decisionItems(
  app: ApplicationItem,
  decision: 'approved' | 'rejected',
  reviewerId: string,
  now: string,
  extra: { reason?: string; merchantId?: string },
) {
  const index = keys.applicationStatusGsi2(decision, app.submittedAt, app.id);
  const appSets = ['#status = :decision', 'reviewedAt = :now', 'reviewedBy = :by', 'updatedAt = :now', 'GSI2PK = :gsi2pk', 'GSI2SK = :gsi2sk'];
  const values: Record<string, unknown> = {
    ':decision': decision,
    ':now': now,
    ':by': reviewerId,
    ':gsi2pk': index.GSI2PK,
    ':gsi2sk': index.GSI2SK,
    ':submitted': 'submitted',
    ':version': app.version,
  };
  if (extra.reason !== undefined) {
    appSets.push('rejectReason = :reason');
    values[':reason'] = extra.reason;
  }
  if (extra.merchantId !== undefined) {
    appSets.push('merchantId = :merchantId');
    values[':merchantId'] = extra.merchantId;
  }
  return [
    {
      Update: {
        TableName: tableName(),
        Key: keys.application(app.id),
        UpdateExpression: `SET ${appSets.join(', ')}`,
        ConditionExpression: '#status = :submitted AND version = :version',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: keys.applicationVersion(app.id, app.version),
        UpdateExpression: `SET decision = :decision, reviewedAt = :now, reviewedBy = :by${extra.reason !== undefined ? ', reason = :reason' : ''}`,
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(decision)',
        ExpressionAttributeValues: {
          ':decision': decision,
          ':now': now,
          ':by': reviewerId,
          ...(extra.reason !== undefined ? { ':reason': extra.reason } : {}),
        },
      },
    },
  ];
}

/**
 * Rejects a submitted application with a reason the applicant sees. The application stays the
 * user's open one: they edit and resubmit it.
 */
export async function rejectApplication(id: string, reviewerId: string, reason: string, reference?: string): Promise<Application> {
  return answerOnce(
    reference,
    async () => {
      const app = await getApplicationItem(id);
      if (app.status !== 'submitted') throw new ConflictError(`Only a submitted application can be rejected; this one is ${app.status}`);
      const marker = reference ? [effectPut(reference, { route: 'reject-application', resultId: id })] : [];
      try {
        await db().send(
          new TransactWriteCommand({ TransactItems: [...decisionItems(app, 'rejected', reviewerId, new Date().toISOString(), { reason }), ...marker] }),
        );
      } catch (err) {
        if (isConditionFailure(err)) throw new ConflictError('The application was reviewed meanwhile: reload it');
        throw err;
      }
      return toApplication(await getApplicationItem(id));
    },
    async () => toApplication(await getApplicationItem(id)),
  );
}

/**
 * Approves a submitted application: ONE transaction creates the store (merchant, unique name,
 * owner staff item, owner role on the account, welcome message; see merchantCreationItems), marks
 * the application and its version approved and clears the user's open-application marker.
 * The merchant id is the application id, so approving again (a retry, a double click, two
 * reviewers) can never make a second store: it answers with the store already made.
 * A taken store name is a 409 that leaves the application submitted.
 */
export async function approveApplication(id: string, reviewerId: string): Promise<{ application: Application; merchant: MerchantAdminView }> {
  const app = await getApplicationItem(id);
  if (app.status === 'approved') return { application: toApplication(app), merchant: toAdminView(await getMerchant(app.merchantId ?? app.id, true)) };
  if (app.status !== 'submitted') throw new ConflictError(`Only a submitted application can be approved; this one is ${app.status}`);
  await ensureMerchantRolesMap(app.applicantId);
  const now = new Date().toISOString();
  const { items } = merchantCreationItems({ id: app.id, name: app.storeName, ownerId: app.applicantId, applicationId: app.id }, now);
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          ...items,
          ...decisionItems(app, 'approved', reviewerId, now, { merchantId: app.id }),
          { Delete: { TableName: tableName(), Key: keys.userOpenApplication(app.applicantId) } },
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const again = await getApplicationItem(id);
    if (again.status === 'approved') return { application: toApplication(again), merchant: toAdminView(await getMerchant(again.merchantId ?? again.id, true)) };
    const failure = creationFailure(err, app.storeName);
    if (failure instanceof StoreNameTakenError)
      throw new ConflictError(
        `The store name "${app.storeName}" is taken by another store: the application stays submitted; reject it asking for another name`,
      );
    if (failedConditionIndexes(err).length > 0) throw new ConflictError('The application was reviewed meanwhile: reload it');
    throw failure;
  }
  const approved = await getApplicationItem(id);
  return { application: toApplication(approved), merchant: toAdminView(await getMerchant(app.id, true)) };
}
