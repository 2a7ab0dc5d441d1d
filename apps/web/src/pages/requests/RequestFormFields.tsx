import { Fieldset, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { displacementKinds, relationships, sexes } from '@homeward/contracts';
import { issueKey } from '../../api/errors.ts';
import { useLang } from '../../i18n/useLang.ts';
import type { FieldName, FormValues } from './request-form.ts';

type Props = {
  values: FormValues;
  set: (k: FieldName, v: string) => void;
  errors: Partial<Record<FieldName, string>>;
};

function useFieldProps({ values, set, errors }: Props) {
  const { t } = useLang();
  return (name: FieldName) => {
    const m = errors[name];
    const k = m ? issueKey(m) : null;
    return {
      name,
      id: `f-${name}`,
      value: values[name],
      onChange: (e: { currentTarget: { value: string } }) => set(name, e.currentTarget.value),
      error: k ? t(k.key, k.values) : undefined,
    };
  };
}

export function ChildFields(props: Props) {
  const { t } = useLang();
  const field = useFieldProps(props);
  const select = (name: FieldName) => ({
    ...field(name),
    onChange: (v: string | null) => props.set(name, v ?? ''),
  });
  return (
    <Fieldset legend={t('requestForm.child')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('fields.givenName')} required autoComplete="off" {...field('givenName')} />
        <TextInput label={t('fields.familyName')} autoComplete="off" {...field('familyName')} />
        <TextInput label={t('fields.patronymic')} autoComplete="off" {...field('patronymic')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
        <Select
          label={t('fields.sex')}
          data={sexes.map((s) => ({ value: s, label: t(`enums.sex.${s}`) }))}
          allowDeselect={false}
          {...select('sex')}
        />
        <TextInput
          label={t('fields.birthDate')}
          description={t('requestForm.dateHint')}
          placeholder="2015-07-02"
          inputMode="numeric"
          {...field('birthDate')}
        />
        <TextInput label={t('fields.birthPlace')} {...field('birthPlace')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
        <TextInput label={t('fields.displacementPlace')} {...field('displacementPlace')} />
        <TextInput
          label={t('fields.displacementDate')}
          description={t('requestForm.dateHint')}
          placeholder="2022-03"
          inputMode="numeric"
          {...field('displacementDate')}
        />
        <Select
          label={t('fields.displacementKind')}
          data={displacementKinds.map((s) => ({ value: s, label: t(`enums.displacementKind.${s}`) }))}
          allowDeselect={false}
          {...select('displacementKind')}
        />
      </SimpleGrid>
      <TextInput label={t('fields.lastKnownPlace')} mt="sm" {...field('lastKnownPlace')} />
    </Fieldset>
  );
}

export function FamilyFields(props: Props) {
  const { t } = useLang();
  const field = useFieldProps(props);
  return (
    <Fieldset legend={t('requestForm.family')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('fields.requesterName')}
          required
          autoComplete="off"
          {...field('requesterName')}
        />
        <Select
          label={t('fields.relationship')}
          required
          data={relationships.map((s) => ({ value: s, label: t(`enums.relationship.${s}`) }))}
          {...field('relationship')}
          value={props.values.relationship || null}
          onChange={(v) => props.set('relationship', v ?? '')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
        <TextInput
          label={t('fields.phone')}
          type="tel"
          autoComplete="off"
          placeholder="+380 44 123 4567"
          {...field('phone')}
        />
        <TextInput label={t('fields.email')} type="email" autoComplete="off" {...field('email')} />
      </SimpleGrid>
      <Textarea label={t('fields.address')} mt="sm" autosize minRows={2} {...field('address')} />
      <TextInput
        label={t('fields.filedOn')}
        description={t('requestForm.calendarDateHint')}
        mt="sm"
        maw={320}
        inputMode="numeric"
        {...field('filedOn')}
      />
    </Fieldset>
  );
}
