import { Alert, Badge, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { API_TOKEN_SCOPES, type TApiToken, type TApiTokenScope } from '@focal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { useApiTokens, useCreateApiToken, useMe, useRevokeApiToken } from '../../api/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { CopyField } from '../../components/CopyField';
import { EmptyMessage } from '../../components/EmptyMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../components/format';
import { canReadAudit } from '../../components/roles';

const EXPIRY_DAYS = [30, 90, 180, 365] as const;

/** i18next reads ':' as a namespace separator, so scope keys use '_' instead. */
export const scopeKey = (scope: string) => `scopes.${scope.replace(/[:.]/g, '_')}`;

function status(token: TApiToken): 'revoked' | 'expired' | 'active' {
  if (token.revoked) return 'revoked';
  if (new Date(token.expiresAt).getTime() < Date.now()) return 'expired';
  return 'active';
}

function CreateToken() {
  const { t } = useTranslation();
  const me = useMe();
  // A token never carries more than its owner may do: offer only the scopes that make sense.
  const offered = API_TOKEN_SCOPES.filter((scope) => scope !== 'audit:read' || (me ? canReadAudit(me.roles) : false));
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TApiTokenScope[]>(['directory:read']);
  const [days, setDays] = useState<string>('90');
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await create.mutateAsync({ name: name.trim(), scopes, expiresInDays: Number(days) });
      setSecret({ name: created.name, secret: created.secret });
      setName('');
    } catch {
      // Shown below; the form keeps its values.
    }
  };

  if (secret) {
    return (
      <Alert color="teal" variant="light" title={t('tokens.createdTitle', { name: secret.name })} data-testid="token-created">
        <Stack gap="sm">
          <Text size="sm">{t('tokens.createdOnce')}</Text>
          <CopyField value={secret.secret} label={t('tokens.copySecret')} testId="token-secret" />
          <Group>
            <Button size="xs" onClick={() => setSecret(null)}>
              {t('tokens.createdDone')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={560}>
        <Title order={3} size="h4">
          {t('tokens.createTitle')}
        </Title>
        <TextInput
          label={t('fields.tokenName')}
          description={t('tokens.nameHelp')}
          required
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="token-name"
        />
        <Checkbox.Group label={t('fields.scopes')} value={scopes} onChange={(v) => setScopes(v as TApiTokenScope[])} required>
          <Stack gap={6} mt={6}>
            {offered.map((scope) => (
              <Checkbox key={scope} value={scope} label={t(scopeKey(scope))} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Select
          label={t('fields.expiresIn')}
          data={EXPIRY_DAYS.map((d) => ({ value: String(d), label: t('tokens.days', { n: d }) }))}
          value={days}
          allowDeselect={false}
          onChange={(v) => v && setDays(v)}
          maw={240}
        />
        <ErrorAlert error={create.error} />
        <Group>
          <Button type="submit" loading={create.isPending} disabled={!name.trim() || scopes.length === 0} data-testid="token-create">
            {t('tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TokensSection() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const tz = me?.timeZone;

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={2} size="h3">
          {t('tokens.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('tokens.intro')}
        </Text>
        <QueryState query={tokens} isEmpty={(tokens.data ?? []).length === 0} empty={<EmptyMessage title={t('tokens.empty')} />}>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="tokens-table">
              <TableHeader columns={[t('fields.tokenName'), t('fields.scopes'), t('tokens.expires'), t('tokens.lastUsed'), t('fields.status')]} actions />
              <Table.Tbody>
                {(tokens.data ?? []).map((token) => {
                  const state = status(token);
                  return (
                    <Table.Tr key={token.id}>
                      <Table.Td>{token.name}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {token.scopes.map((s) => (
                            <Badge key={s} variant="outline" size="sm">
                              {t(scopeKey(s))}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{formatDate(token.expiresAt, i18n.language, tz)}</Table.Td>
                      <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, i18n.language, tz) : t('tokens.never')}</Table.Td>
                      <Table.Td>
                        <Badge color={state === 'active' ? 'teal' : 'gray'} variant="light">
                          {t(`tokens.status.${state}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="end">
                        {state === 'active' ? (
                          <ConfirmButton
                            size="xs"
                            variant="subtle"
                            color="red"
                            title={t('tokens.revokeTitle')}
                            message={t('tokens.revokeMessage', { name: token.name })}
                            confirmLabel={t('tokens.revoke')}
                            aria-label={t('tokens.revokeNamed', { name: token.name })}
                            onConfirm={() => revoke.mutateAsync(token.id)}
                          >
                            {t('tokens.revoke')}
                          </ConfirmButton>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
        <CreateToken />
      </Stack>
    </Paper>
  );
}
