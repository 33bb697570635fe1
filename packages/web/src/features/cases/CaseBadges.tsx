import { Badge, Group, Text, Tooltip, useDirection } from '@mantine/core';
import type { TCaseStatus, TCountryRole, TRequestState } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { useCountryNames } from '../../components/useReference';
import { CASE_STATUS_COLOR, REQUEST_STATE_COLOR } from './format';

/**
 * A country as a short code chip and its name in the reader's language. A code rather than a
 * flag emoji, which many systems cannot show.
 */
export function CountryTag({ code, withName = true, size = 'sm' }: { code: string; withName?: boolean; size?: 'xs' | 'sm' | 'md' }) {
  const countries = useCountryNames();
  const upper = code.toUpperCase();
  const name = countries.nameOf(upper);
  const chip = (
    <Badge variant="outline" color="gray" size={size === 'md' ? 'md' : 'sm'} radius="sm" style={{ flexShrink: 0, fontFamily: 'var(--mantine-font-family-monospace)' }} aria-hidden={withName ? true : undefined}>
      {upper}
    </Badge>
  );
  if (!withName) {
    return (
      <Tooltip label={name} withArrow>
        <span aria-label={name} role="img" data-testid="country-tag" data-country={upper}>
          {chip}
        </span>
      </Tooltip>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" component="span" data-testid="country-tag" data-country={upper}>
      {chip}
      <Text span size={size}>
        {name}
      </Text>
    </Group>
  );
}

export function CaseStatusBadge({ status, size = 'sm' }: { status: TCaseStatus; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={CASE_STATUS_COLOR[status]} variant="light" size={size} data-testid="case-status" data-status={status} style={{ flexShrink: 0 }}>
      {t(`cases.status.${status}`)}
    </Badge>
  );
}

export function RequestStateBadge({ state, size = 'sm' }: { state: TRequestState; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={REQUEST_STATE_COLOR[state]} variant={state === 'draft' || state === 'closed' ? 'outline' : 'light'} size={size} data-testid="request-state" data-state={state} style={{ flexShrink: 0 }}>
      {t(`requests.state.${state}`)}
    </Badge>
  );
}

export function CountryRoleBadge({ role }: { role: TCountryRole }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant={role === 'lead' ? 'filled' : 'light'} color={role === 'lead' ? 'focal' : 'gray'} style={{ flexShrink: 0 }}>
      {t(`cases.roles.${role}`)}
    </Badge>
  );
}

/** Every country of a case, each with its part. */
export function CountryRoles({ countries, compact = false }: { countries: { country: string; role: TCountryRole }[]; compact?: boolean }) {
  return (
    <Group gap={compact ? 6 : 'xs'} wrap="wrap" data-testid="case-countries">
      {countries.map((c) => (
        <Group key={c.country} gap={4} wrap="nowrap" data-testid="case-country" data-country={c.country} data-role={c.role}>
          <CountryTag code={c.country} withName={!compact} size="sm" />
          <CountryRoleBadge role={c.role} />
        </Group>
      ))}
    </Group>
  );
}

/** An arrow from one country to another that points the reading way (leftwards in Arabic). */
export function ReadingArrow() {
  const { dir } = useDirection();
  return (
    <Text span c="dimmed" aria-hidden="true">
      {dir === 'rtl' ? '\u2190' : '\u2192'}
    </Text>
  );
}
