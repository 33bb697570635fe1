import { ActionIcon, Badge, Button, Group, Menu, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { USER_STATUSES, type TAdminUser, type TUserStatus } from '@focal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { useAdminUserAction, useAdminUsers, useMe, type AdminAction } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmButton';
import { CopyField } from '../../components/CopyField';
import { EmptyMessage } from '../../components/EmptyMessage';
import { formatDateTime } from '../../components/format';
import { isSecretariat } from '../../components/roles';
import { useCountryNames } from '../../components/useReference';
import { usePageTitle } from '../../components/usePageTitle';
import { InviteForm } from './InviteForm';

const STATUS_COLORS: Record<TUserStatus, string> = { invited: 'blue', active: 'teal', suspended: 'red', deactivated: 'gray' };

function actionsFor(user: TAdminUser): AdminAction[] {
  const list: AdminAction[] = [];
  if (user.status === 'active') list.push('suspend');
  if (user.status === 'suspended') list.push('reactivate');
  if (user.locked) list.push('unlock');
  if (user.status === 'active' || user.status === 'suspended') list.push('reset-mfa');
  if (user.status !== 'deactivated') list.push('deactivate');
  return list;
}

/** Keys use '_' because i18next could read other separators. */
const actionKey = (action: AdminAction) => action.replace('-', '_');

export default function AdminUsersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  usePageTitle(t('admin.title'));
  const secretariat = me ? isSecretariat(me.roles) : false;
  const countries = useCountryNames();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [status, setStatus] = useState<TUserStatus | null>(null);
  const [country, setCountry] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);
  const [pending, setPending] = useState<{ user: TAdminUser; action: AdminAction } | null>(null);
  const [newLink, setNewLink] = useState<{ name: string; url: string } | null>(null);
  const act = useAdminUserAction();

  const users = useAdminUsers({
    q: debouncedQ.trim() || undefined,
    status: status ?? undefined,
    country: secretariat ? (country ?? undefined) : undefined,
  });

  if (!me) return null;

  const confirm = async () => {
    if (!pending) return;
    try {
      const result = await act.mutateAsync({ id: pending.user.id, action: pending.action });
      if (result.invitationUrl) setNewLink({ name: pending.user.name, url: result.invitationUrl });
      notifications.show({ color: 'teal', message: t(`admin.actions.${actionKey(pending.action)}.done`, { name: pending.user.name }) });
      setPending(null);
    } catch {
      // Shown in the dialog.
    }
  };

  const items = users.data ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('admin.title')}</Title>
          <Text c="dimmed">
            {secretariat ? t('admin.introSecretariat') : t('admin.introNational', { country: countries.nameOf(me.country) })}
          </Text>
        </div>
        <Button onClick={() => setInviting(true)} data-testid="invite-open">
          {t('admin.invite')}
        </Button>
      </Group>

      <SimpleGrid cols={{ base: 1, sm: secretariat ? 3 : 2 }} component="form" role="search" aria-label={t('admin.filters')} onSubmit={(e) => e.preventDefault()}>
        <TextInput label={t('admin.search')} type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} data-testid="admin-search" />
        <Select
          label={t('fields.status')}
          clearable
          placeholder={t('common.any')}
          data={USER_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as TUserStatus | null)}
        />
        {secretariat ? (
          <Select
            label={t('fields.country')}
            clearable
            searchable
            placeholder={t('common.any')}
            data={countries.options}
            value={country}
            onChange={setCountry}
            nothingFoundMessage={t('common.nothingFound')}
          />
        ) : null}
      </SimpleGrid>

      <div aria-live="polite" aria-busy={users.isFetching}>
        <QueryState query={users} isEmpty={items.length === 0} empty={<EmptyMessage title={t('admin.emptyTitle')}>{t('admin.empty')}</EmptyMessage>}>
          <Table.ScrollContainer minWidth={1040}>
            <Table striped highlightOnHover verticalSpacing="sm" data-testid="admin-users">
              <VisuallyHidden component="caption">{t('admin.caption')}</VisuallyHidden>
              <TableHeader columns={[t('fields.name'), t('fields.email'), t('fields.country'), t('fields.roles'), t('fields.status'), t('admin.lastLogin')]} actions />
              <Table.Tbody>
                {items.map((user) => {
                  const actions = user.id === me.id ? [] : actionsFor(user);
                  return (
                    <Table.Tr key={user.id} data-testid="admin-user-row" data-country={user.country} data-email={user.email}>
                      <Table.Td>
                        <Text fw={600} size="sm">
                          {user.name}
                        </Text>
                        {user.nameLatin !== user.name ? (
                          <Text size="xs" c="dimmed" dir="ltr">
                            {user.nameLatin}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td dir="ltr">
                        <Text size="sm">{user.email}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{countries.nameOf(user.country)}</Text>
                        {user.agency ? (
                          <Text size="xs" c="dimmed">
                            {user.agency.name}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        {user.roles.map((r) => (
                          <Text key={r} size="sm">
                            {t(`roles.${r}`)}
                          </Text>
                        ))}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Group gap={4} wrap="nowrap" preventGrowOverflow={false}>
                          <Badge color={STATUS_COLORS[user.status]} variant="light">
                            {t(`statuses.${user.status}`)}
                          </Badge>
                          {user.locked ? (
                            <Badge color="orange" variant="filled">
                              {t('admin.locked')}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{user.lastLoginAt ? formatDateTime(user.lastLoginAt, i18n.language, me.timeZone) : t('admin.never')}</Text>
                      </Table.Td>
                      <Table.Td ta="end">
                        {actions.length > 0 ? (
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon variant="subtle" size="lg" aria-label={t('admin.actionsFor', { name: user.name })} data-testid="admin-user-actions">
                                <span aria-hidden="true">⋯</span>
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              {actions.map((action) => (
                                <Menu.Item
                                  key={action}
                                  color={action === 'suspend' || action === 'reset-mfa' || action === 'deactivate' ? 'red' : undefined}
                                  onClick={() => {
                                    act.reset();
                                    setPending({ user, action });
                                  }}
                                  data-testid={`admin-action-${action}`}
                                >
                                  {t(`admin.actions.${actionKey(action)}.label`)}
                                </Menu.Item>
                              ))}
                            </Menu.Dropdown>
                          </Menu>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
      </div>

      <Modal opened={inviting} onClose={() => setInviting(false)} title={t('admin.invite')} size="lg" closeOnClickOutside={false}>
        {inviting ? <InviteForm me={me} onClose={() => setInviting(false)} /> : null}
      </Modal>
      <Modal opened={newLink !== null} onClose={() => setNewLink(null)} title={t('admin.newLinkTitle')} size="lg">
        {newLink ? (
          <Stack>
            <Text>{t('admin.newLinkBody', { name: newLink.name })}</Text>
            <CopyField value={newLink.url} label={t('invite.copyLink')} testId="reset-invitation-url" />
            <Group justify="flex-end">
              <Button onClick={() => setNewLink(null)}>{t('common.done')}</Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
      <ConfirmDialog
        opened={pending !== null}
        title={pending ? t(`admin.actions.${actionKey(pending.action)}.title`) : ''}
        message={pending ? t(`admin.actions.${actionKey(pending.action)}.message`, { name: pending.user.name }) : ''}
        confirmLabel={pending ? t(`admin.actions.${actionKey(pending.action)}.label`) : ''}
        cancelLabel={t('common.cancel')}
        onCancel={() => setPending(null)}
        onConfirm={() => void confirm()}
        busy={act.isPending}
        error={act.error}
        danger={pending?.action === 'suspend' || pending?.action === 'reset-mfa' || pending?.action === 'deactivate'}
      />
    </Stack>
  );
}
