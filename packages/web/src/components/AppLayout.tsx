import { AppShell, Badge, Burger, Button, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe, useRealtimeEvents, useSession } from '../api/hooks';
import { Brand } from './Brand';
import { DemoBanner } from './DemoBanner';
import { LanguageSwitcher } from './LanguageSwitcher';
import { canAdminister, canReadAudit, canUseCases, isCountryOfficer } from './roles';
import { useTitleCount } from './usePageTitle';
import { useMailCounts } from '../features/mail/api';
import { useWaitingOnMeCount } from '../features/requests/api';
import { useMatchWorkCount } from '../features/matching/api';
import { HeaderSearch } from '../features/matching/HeaderSearch';
import { useUnreadTrainingNotices } from '../features/training/api';
import { useMeetingCounts } from '../features/meetings/api';

const HEADER_HEIGHT = 60;
const DEMO_BANNER_HEIGHT = 32;

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('nav.skipToContent')}
    </a>
  );
}

/**
 * Moves keyboard and screen-reader focus to the page content after each navigation, except when
 * the address only catches up with the page (navigation state `keepFocus`, e.g. a new draft
 * getting its id while its author types).
 */
function useFocusMainOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  const keepFocus = (location.state as { keepFocus?: boolean } | null)?.keepFocus === true;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (keepFocus) return;
    document.getElementById('main')?.focus({ preventScroll: false });
    // Only when the page changes.
  }, [location.pathname]);
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!me) return null;
  const signOut = async () => {
    await logout.mutateAsync().catch(() => undefined);
    navigate('/login', { replace: true });
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('nav.accountMenu', { name: me.name })} data-testid="user-menu" px="xs" py={4}>
          <Text size="sm" fw={600} truncate maw={{ base: 110, sm: 220 }}>
            {me.name}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item component={Link} to="/profile">
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => void signOut()} data-testid="sign-out">
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

interface NavItemProps {
  to: string;
  label: string;
  onNavigate: () => void;
  exact?: boolean;
  badge?: ReactNode;
  testId?: string;
}

function NavItem({ to, label, onNavigate, exact, badge, testId }: NavItemProps) {
  const location = useLocation();
  const active = exact ? location.pathname === to : location.pathname === to || location.pathname.startsWith(`${to}/`);
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onNavigate}
      variant="light"
      rightSection={badge}
      data-testid={testId}
    />
  );
}

/** The secure-mail entry, with the number of unread messages (also shown in the tab's title). */
function MailNavItem({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const unread = useMailCounts().data?.inboxUnread ?? 0;
  useTitleCount(unread);
  const badge =
    unread > 0 ? (
      <Badge size="sm" circle={unread < 10} color="red" data-testid="nav-mail-unread" aria-label={t('mail.unreadCount', { n: unread })}>
        {unread}
      </Badge>
    ) : null;
  return <NavItem to="/mail" label={t('nav.mail')} onNavigate={onNavigate} badge={badge} testId="nav-mail" />;
}

/** Requests for assistance, with the number waiting on my country's answer or decision. */
function RequestsNavItem({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const waiting = useWaitingOnMeCount(Boolean(me && isCountryOfficer(me.roles)));
  const badge =
    waiting > 0 ? (
      <Badge size="sm" circle={waiting < 10} color="red" data-testid="nav-requests-waiting" aria-label={t('requests.waitingCount', { n: waiting })}>
        {waiting}
      </Badge>
    ) : null;
  return <NavItem to="/requests" label={t('nav.requests')} onNavigate={onNavigate} badge={badge} testId="nav-requests" />;
}

/** Matches across cases, with the number of pairs to judge, hits to ask about and requests to decide. */
function MatchesNavItem({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const work = useMatchWorkCount(true);
  const badge =
    work > 0 ? (
      <Badge size="sm" circle={work < 10} color="red" data-testid="nav-matches-count" aria-label={t('matching.workCount', { n: work })}>
        {work}
      </Badge>
    ) : null;
  return <NavItem to="/matches" label={t('nav.matches')} onNavigate={onNavigate} badge={badge} testId="nav-matches" />;
}

/** Training workshops, with the number of training notices not yet read (a seat, a certificate). */
function TrainingNavItem({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const unread = useUnreadTrainingNotices(true).data ?? 0;
  const badge =
    unread > 0 ? (
      <Badge size="sm" circle={unread < 10} color="red" data-testid="nav-training-count" aria-label={t('training.unreadCount', { n: unread })}>
        {unread}
      </Badge>
    ) : null;
  return <NavItem to="/training" label={t('nav.training')} onNavigate={onNavigate} badge={badge} testId="nav-training" />;
}

/** Meetings, with the number of invitations to answer and notices not yet read. */
function MeetingsNavItem({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const counts = useMeetingCounts(true).data;
  const waiting = (counts?.pendingInvitations ?? 0) + (counts?.unreadNotices ?? 0);
  const badge =
    waiting > 0 ? (
      <Badge size="sm" circle={waiting < 10} color="red" data-testid="nav-meetings-count" aria-label={t('meetings.waitingCount', { n: waiting })}>
        {waiting}
      </Badge>
    ) : null;
  return <NavItem to="/meetings" label={t('nav.meetings')} onNavigate={onNavigate} badge={badge} testId="nav-meetings" />;
}

/** The signed-in shell: header with language and account, navigation, and the page in <main>. */
export function AppLayout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const demo = useSession().data?.demo ?? false;
  useFocusMainOnNavigate();
  useRealtimeEvents(me?.id);

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: demo ? HEADER_HEIGHT + DEMO_BANNER_HEIGHT : HEADER_HEIGHT }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header>
          <DemoBanner />
          <Group h={HEADER_HEIGHT} px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggleMenu')} />
              <Brand />
            </Group>
            <Group gap="xs" wrap="nowrap">
              {me && canUseCases(me.roles) ? <HeaderSearch /> : null}
              <LanguageSwitcher />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t('nav.main')}>
          <NavItem to="/" exact label={t('nav.home')} onNavigate={close} />
          <MailNavItem onNavigate={close} />
          {me && canUseCases(me.roles) ? <NavItem to="/cases" label={t('nav.cases')} onNavigate={close} testId="nav-cases" /> : null}
          {me && isCountryOfficer(me.roles) ? <RequestsNavItem onNavigate={close} /> : null}
          {me && canUseCases(me.roles) ? <MatchesNavItem onNavigate={close} /> : null}
          <TrainingNavItem onNavigate={close} />
          <MeetingsNavItem onNavigate={close} />
          <NavItem to="/directory" label={t('nav.directory')} onNavigate={close} />
          <NavItem to="/profile" label={t('nav.profile')} onNavigate={close} />
          {me && canAdminister(me.roles) ? <NavItem to="/admin/users" label={t('nav.adminUsers')} onNavigate={close} /> : null}
          {me && canReadAudit(me.roles) ? <NavItem to="/audit" label={t('nav.audit')} onNavigate={close} /> : null}
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          {children ?? <Outlet />}
        </AppShell.Main>
      </AppShell>
    </>
  );
}

/** The shell for pages used before signing in: brand, language switcher and a centred column. */
export function PublicLayout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const demo = useSession().data?.demo ?? false;
  return (
    <>
      <SkipLink />
      <AppShell header={{ height: demo ? HEADER_HEIGHT + DEMO_BANNER_HEIGHT : HEADER_HEIGHT }} padding="lg">
        <AppShell.Header>
          <DemoBanner />
          <Group h={HEADER_HEIGHT} px="md" justify="space-between">
            <Brand />
            <Group gap="xs">
              <LanguageSwitcher />
              {me ? (
                <Button component={Link} to="/" variant="subtle" size="sm">
                  {t('nav.home')}
                </Button>
              ) : location.pathname !== '/login' ? (
                <Button component={Link} to="/login" variant="subtle" size="sm">
                  {t('nav.signIn')}
                </Button>
              ) : null}
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Main id="main" tabIndex={-1}>
          {children ?? <Outlet />}
        </AppShell.Main>
      </AppShell>
    </>
  );
}
