import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { reasonProblem, type ReasonKind } from '../lib/reason';
import { ReasonField } from './reason-field';

interface Props {
  /** Ids: `#<p>-approve`, `#<p>-reject-open`, `#<p>-reason`, `#<p>-reject-submit`, `#<p>-reject-cancel`. */
  idPrefix: string;
  kind: ReasonKind;
  approveConfirm: string;
  reasonPlaceholder: string;
  /** Resolves when the decision went through; the page shows failures itself. */
  onApprove: () => Promise<void>;
  onReject: (reason: string) => Promise<void>;
}

/** Approve (after a confirmation) or reject with a required reason the merchant will read. */
export function ReviewActions({ idPrefix, kind, approveConfirm, reasonPlaceholder, onApprove, onReject }: Props) {
  const { t } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const problem = checked ? reasonProblem(reason, kind) : null;

  const approve = async () => {
    const { confirm } = await Taro.showModal({
      title: t('admin.approve_confirm_title'),
      content: approveConfirm,
      confirmText: t('admin.approve'),
      cancelText: t('common.cancel'),
    });
    if (!confirm) return;
    setBusy('approve');
    try {
      await onApprove();
    } finally {
      setBusy(null);
    }
  };

  const reject = async () => {
    setChecked(true);
    if (reasonProblem(reason, kind)) return;
    setBusy('reject');
    try {
      await onReject(reason.trim());
    } finally {
      setBusy(null);
    }
  };

  if (rejecting)
    return (
      <View id={`${idPrefix}-reject-form`} className="card admin__form">
        <ReasonField id={`${idPrefix}-reason`} kind={kind} value={reason} problem={problem} placeholder={reasonPlaceholder} onChange={setReason} />
        <View className="admin__actions">
          <Button
            id={`${idPrefix}-reject-cancel`}
            className="btn btn--ghost admin__action"
            disabled={busy !== null || undefined}
            onClick={() => setRejecting(false)}
          >
            {t('common.cancel')}
          </Button>
          <Button
            id={`${idPrefix}-reject-submit`}
            className="btn btn--primary admin__action admin__action--main"
            loading={busy === 'reject' || undefined}
            disabled={busy !== null || undefined}
            onClick={() => void reject()}
          >
            {t('admin.reject_submit')}
          </Button>
        </View>
      </View>
    );

  return (
    <View className="admin__actions admin__actions--page">
      <Button id={`${idPrefix}-reject-open`} className="btn btn--ghost admin__action" disabled={busy !== null || undefined} onClick={() => setRejecting(true)}>
        {t('admin.reject')}
      </Button>
      <Button
        id={`${idPrefix}-approve`}
        className="btn btn--primary admin__action"
        loading={busy === 'approve' || undefined}
        disabled={busy !== null || undefined}
        onClick={() => void approve()}
      >
        {t('admin.approve')}
      </Button>
    </View>
  );
}
