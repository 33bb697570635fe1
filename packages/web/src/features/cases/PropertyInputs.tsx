import { ActionIcon, Button, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { schemaOf, type FtmProperty, type TEntity } from '@focal/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryNames } from '../../components/useReference';
import { labelOf, rangeOptions, type FormErrors } from './entityForm';

/** Types whose values read left to right whatever the interface (codes, numbers, addresses on the web). */
const LTR_TYPES = new Set(['iban', 'email', 'url', 'ip', 'number', 'checksum', 'identifier', 'date', 'phone']);

/** The translated message for a reason code from the FtM checks or the server. */
export function useReasonText() {
  const { t } = useTranslation();
  return (reason: string | undefined) => (reason ? t(`cases.reasons.${reason}`, { defaultValue: t('cases.reasons.invalid') }) : undefined);
}

interface ValueInputProps {
  property: FtmProperty;
  value: string;
  onChange: (value: string) => void;
  entities: readonly TEntity[];
  label: string;
  hideLabel: boolean;
  description?: string;
  error?: string;
  testId: string;
}

function ValueInput({ property, value, onChange, entities, label, hideLabel, description, error, testId }: ValueInputProps) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const common = { label: hideLabel ? undefined : label, 'aria-label': hideLabel ? label : undefined, description, error, 'data-testid': testId };
  const countryOptions = useMemo(() => countries.options.map((o) => ({ value: o.value.toLowerCase(), label: o.label })), [countries.options]);

  switch (property.type) {
    case 'country':
      return <Select {...common} searchable clearable data={countryOptions} value={value || null} onChange={(v) => onChange(v ?? '')} nothingFoundMessage={t('common.nothingFound')} />;
    case 'entity': {
      const options = rangeOptions(entities, property).map((e) => ({ value: e.ftmId, label: `${e.caption} · ${t(`cases.schema.${e.schema}`, { defaultValue: schemaOf(e.schema)?.label ?? e.schema })}` }));
      return (
        <Select
          {...common}
          searchable
          clearable
          data={options}
          value={value || null}
          onChange={(v) => onChange(v ?? '')}
          nothingFoundMessage={t('cases.entities.noneInRange')}
          placeholder={options.length === 0 ? t('cases.entities.noneInRange') : undefined}
        />
      );
    }
    case 'text':
    case 'html':
      return <Textarea {...common} autosize minRows={2} maxRows={10} value={value} onChange={(e) => onChange(e.currentTarget.value)} dir="auto" />;
    case 'date':
      return <TextInput {...common} value={value} onChange={(e) => onChange(e.currentTarget.value)} placeholder={t('cases.entities.datePlaceholder')} dir="ltr" inputMode="numeric" />;
    default:
      return (
        <TextInput
          {...common}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          dir={LTR_TYPES.has(property.type) ? 'ltr' : 'auto'}
          inputMode={property.type === 'number' ? 'decimal' : property.type === 'email' ? 'email' : undefined}
        />
      );
  }
}

export interface PropertyFieldProps {
  property: FtmProperty;
  values: string[];
  onChange: (values: string[]) => void;
  entities: readonly TEntity[];
  errors: FormErrors[string] | undefined;
  required?: boolean;
}

/** One property with one input per value: a name in Cyrillic and in Latin letters are two values. */
export function PropertyField({ property, values, onChange, entities, errors, required }: PropertyFieldProps) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const list = values.length ? values : [''];
  const hint = property.type === 'date' ? t('cases.entities.dateHelp') : property.type === 'number' ? t('cases.entities.numberHelp') : undefined;
  const name = labelOf(t, property);
  const label = required ? `${name} *` : name;
  return (
    <Stack gap={4} data-testid={`entity-prop-${property.name}`}>
      {list.map((value, index) => (
        <Group key={index} gap={4} align="flex-start" wrap="nowrap">
          <div style={{ flex: 1, minWidth: 0 }}>
            <ValueInput
              property={property}
              value={value}
              onChange={(next) => onChange(list.map((v, i) => (i === index ? next : v)))}
              entities={entities}
              label={index === 0 ? label : t('cases.entities.anotherValueOf', { property: name })}
              hideLabel={index > 0}
              description={index === 0 ? hint : undefined}
              error={reasonText(errors?.values?.[index] ?? (index === 0 ? errors?.reason : undefined))}
              testId={`entity-value-${property.name}-${index}`}
            />
          </div>
          {list.length > 1 ? (
            <ActionIcon variant="subtle" color="gray" mt={index === 0 ? (hint ? 44 : 26) : 4} aria-label={t('cases.entities.removeInput', { property: name })} onClick={() => onChange(list.filter((_, i) => i !== index))}>
              <span aria-hidden="true">✕</span>
            </ActionIcon>
          ) : null}
        </Group>
      ))}
      {list[list.length - 1]?.trim() ? (
        <Group>
          <Button variant="subtle" size="compact-xs" onClick={() => onChange([...list, ''])} data-testid={`entity-add-value-${property.name}`}>
            {t('cases.entities.addAnother', { property: name })}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** The properties of a schema as fields, with the reason for any problem next to its input. */
export function PropertyFields({ properties, values, onChange, entities, errors, required }: { properties: FtmProperty[]; values: Record<string, string[]>; onChange: (name: string, values: string[]) => void; entities: readonly TEntity[]; errors: FormErrors; required: readonly string[] }) {
  return (
    <Stack gap="sm">
      {properties.map((p) => (
        <PropertyField key={p.name} property={p} values={values[p.name] ?? []} onChange={(v) => onChange(p.name, v)} entities={entities} errors={errors[p.name]} required={required.includes(p.name)} />
      ))}
    </Stack>
  );
}

/** Reasons the server gave for fields the form does not show (the entity as a whole, reach, …). */
export function OtherErrors({ errors, shown }: { errors: FormErrors; shown: Set<string> }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const rest = Object.entries(errors).filter(([name]) => !shown.has(name));
  if (rest.length === 0) return null;
  return (
    <Stack gap={2} role="alert" data-testid="entity-other-errors">
      {rest.map(([name, e]) => (
        <Text key={name} size="sm" c="red">
          {t('cases.entities.fieldError', { field: name === 'reach' ? t('cases.provenance.reach') : name === 'schema' ? t('cases.entities.schema') : name, reason: reasonText(e.reason ?? Object.values(e.values ?? {})[0]) })}
        </Text>
      ))}
    </Stack>
  );
}
