import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatMoney } from '@wxshop/shared';
import type { AfterSale, ArbitrationDecision, DecideArbitrationInput, ReturnAddress } from '@wxshop/shared/after-sales';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '../../../platform/ui';
import { Tabs } from '../../components/tabs';
import { ReasonField } from '../../components/reason-field';
import { EMPTY_ADDRESS, decisionBody, decisionsFor, type DecisionProblem } from '../../lib/arbitration';
import { reasonProblem } from '../../lib/reason';

const ADDRESS_FIELDS = ['recipient', 'phone', 'region', 'detail'] as const;

/**
 * The decision: for the shopper (refund now, optionally less; or the goods back first) or for the store
 * (close); a reason both sides read, and a confirmation before it is sent.
 */
export function DecideForm({ item: c, onDecide }: { item: AfterSale; onDecide: (body: DecideArbitrationInput) => Promise<void> }) {
  const { t, lang } = useI18n();
  const options = decisionsFor(c.kind);
  const [decision, setDecision] = useState<ArbitrationDecision>(options[0]!);
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [address, setAddress] = useState<ReturnAddress>(EMPTY_ADDRESS);
  const [problem, setProblem] = useState<DecisionProblem>(null);
  const [busy, setBusy] = useState(false);
  const max = formatMoney(c.total, lang);

  const submit = async () => {
    const checked = decisionBody(c, { decision, reason, amount, address });
    if ('problem' in checked) return setProblem(checked.problem);
    setProblem(null);
    const refunded = { amount: checked.body.amount ?? c.total.amount, currency: c.total.currency };
    const { confirm } = await Taro.showModal({
      title: t('admin.arbitration_confirm_title'),
      content: t(`admin.arbitration_confirm.${decision}`, { amount: formatMoney(refunded, lang) }),
      confirmText: t('admin.arbitration_submit'),
      cancelText: t('common.cancel'),
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await onDecide(checked.body);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="arbitration-decide" className="card admin__form">
      <Text className="arbitration__title">{t('admin.arbitration_decide')}</Text>
      <Tabs
        idPrefix="arbitration-decision"
        options={options}
        value={decision}
        label={(d) => t(`admin.arbitration_decide.${d}`)}
        onChange={(d) => {
          setDecision(d);
          setProblem(null);
        }}
      />
      <Text id="arbitration-hint" className="admin__hint arbitration__hint">
        {t(`admin.arbitration_hint.${decision}`)}
      </Text>
      {decision === 'refund' ? (
        <View className="field">
          <Text className="field__label">{t('admin.arbitration_amount_label', { max })}</Text>
          <Input
            {...fieldLabel(t('admin.arbitration_amount_label', { max }))}
            id="arbitration-amount"
            className="field__input"
            type="digit"
            maxlength={12}
            placeholder={t('admin.arbitration_amount_placeholder')}
            value={amount}
            onInput={(e) => setAmount(e.detail.value)}
          />
          {problem === 'amount' ? (
            <Text id="arbitration-amount-error" className="form-error">
              {t('admin.arbitration_amount_invalid', { max })}
            </Text>
          ) : null}
        </View>
      ) : null}
      {decision === 'return' && !c.returnAddress ? (
        <View id="arbitration-address">
          <Text className="field__label">{t('admin.arbitration_address')}</Text>
          {ADDRESS_FIELDS.map((f) => (
            <View key={f} className="field">
              <Input
                {...fieldLabel(t(`admin.arbitration_address_${f}`))}
                id={`arbitration-address-${f}`}
                className="field__input"
                type={f === 'phone' ? 'number' : 'text'}
                maxlength={f === 'detail' ? 200 : f === 'region' ? 100 : 40}
                placeholder={t(`admin.arbitration_address_${f}`)}
                value={address[f]}
                onInput={(e) => setAddress((a) => ({ ...a, [f]: e.detail.value }))}
              />
            </View>
          ))}
          {problem === 'address' ? (
            <Text id="arbitration-address-error" className="form-error">
              {t('admin.arbitration_address_invalid')}
            </Text>
          ) : null}
        </View>
      ) : null}
      <ReasonField
        id="arbitration-reason"
        kind="arbitration"
        value={reason}
        problem={problem === 'reason' ? reasonProblem(reason, 'arbitration') : null}
        placeholder={t('admin.arbitration_reason_placeholder')}
        label={t('admin.arbitration_reason_label')}
        onChange={setReason}
      />
      <View className="admin__actions">
        <Button
          id="arbitration-submit"
          className={`btn admin__action admin__action--main ${decision === 'close' ? 'btn--danger' : 'btn--primary'}`}
          loading={busy || undefined}
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          {t('admin.arbitration_submit')}
        </Button>
      </View>
    </View>
  );
}
