import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/client';
import { useSession } from './api/hooks';
import { AppLayout, PublicLayout } from './components/AppLayout';
import { Loading } from './components/Loading';
import { NotFoundPage } from './components/NotFound';
import { RequireAuth, RequireRole } from './components/RequireAuth';
import { applyLanguage, directionOf, isUiLanguage } from './i18n';
import { theme } from './theme';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/home/HomePage';

const ActivationPage = lazy(() => import('./features/activation/ActivationPage'));
const DirectoryPage = lazy(() => import('./features/directory/DirectoryPage'));
const ContactCardPage = lazy(() => import('./features/directory/ContactCardPage'));
const ProfilePage = lazy(() => import('./features/profile/ProfilePage'));
const AdminUsersPage = lazy(() => import('./features/admin/AdminUsersPage'));
const AuditPage = lazy(() => import('./features/audit/AuditPage'));
const MailLayout = lazy(() => import('./features/mail/MailLayout'));
const MessageListPage = lazy(() => import('./features/mail/MessageListPage'));
const MessagePage = lazy(() => import('./features/mail/MessagePage'));
const ComposePage = lazy(() => import('./features/mail/ComposePage'));
const ConsentsPage = lazy(() => import('./features/mail/ConsentsPage'));
const CaseListPage = lazy(() => import('./features/cases/CaseListPage'));
const CaseCreatePage = lazy(() => import('./features/cases/CaseCreatePage'));
const CasePage = lazy(() => import('./features/cases/CasePage'));
const RequestListPage = lazy(() => import('./features/requests/RequestListPage'));
const RequestNewPage = lazy(() => import('./features/requests/RequestNewPage'));
const RequestPage = lazy(() => import('./features/requests/RequestPage'));
const MatchesPage = lazy(() => import('./features/matching/MatchesPage'));
const SearchPage = lazy(() => import('./features/matching/SearchPage'));
const SharedEntityPage = lazy(() => import('./features/matching/SharedEntityPage'));
const WorkshopListPage = lazy(() => import('./features/training/WorkshopListPage'));
const WorkshopPage = lazy(() => import('./features/training/WorkshopPage'));
const WorkshopFormPage = lazy(() => import('./features/training/WorkshopFormPage'));
const CataloguePage = lazy(() => import('./features/training/CataloguePage'));
const MyTrainingPage = lazy(() => import('./features/training/MyTrainingPage'));
const VerifyPage = lazy(() => import('./features/training/VerifyPage'));
const MeetingListPage = lazy(() => import('./features/meetings/MeetingListPage'));
const MeetingFormPage = lazy(() => import('./features/meetings/MeetingFormPage'));
const MeetingPage = lazy(() => import('./features/meetings/MeetingPage'));

/** When the server says the session is gone, re-read it: signed-in pages then send the person to sign in. */
function onApiError(error: unknown) {
  if (error instanceof ApiError && (error.status === 401 || error.code === 'session_expired')) {
    void queryClient.invalidateQueries({ queryKey: ['session'] });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

/** Keeps Mantine's direction in step with the language, and adopts the signed-in user's language. */
function LanguageSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const session = useSession();
  const user = session.data?.user;

  useEffect(() => {
    const lang = isUiLanguage(i18n.language) ? i18n.language : 'en';
    setDirection(directionOf(lang));
  }, [i18n.language, setDirection]);

  useEffect(() => {
    if (user && isUiLanguage(user.uiLanguage)) void applyLanguage(user.uiLanguage);
    // Only when the person or their saved choice changes.
  }, [user?.id, user?.uiLanguage]);

  return null;
}

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

const ADMIN_ROLES = ['secretariat', 'national_admin'] as const;

export function App() {
  return (
    <DirectionProvider initialDirection={document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr'} detectDirection>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Notifications position="top-center" />
        <QueryClientProvider client={queryClient}>
          <LanguageSync />
          <BrowserRouter>
            <Routes>
              <Route element={<PublicLayout />}>
                <Route path="/login" element={<LoginPage />} />
                <Route
                  path="/activate/:token"
                  element={
                    <Page>
                      <ActivationPage />
                    </Page>
                  }
                />
                <Route path="/verify/:code?" element={<Page><VerifyPage /></Page>} />
              </Route>
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<HomePage />} />
                <Route path="/directory" element={<Page><DirectoryPage /></Page>} />
                <Route path="/directory/:id" element={<Page><ContactCardPage /></Page>} />
                <Route path="/profile" element={<Page><ProfilePage /></Page>} />
                <Route path="/mail" element={<Page><MailLayout /></Page>}>
                  <Route index element={<MessageListPage />} />
                  <Route path="compose/:draftId?" element={<ComposePage />} />
                  <Route path="message/:id" element={<MessagePage />} />
                  <Route path="consents" element={<ConsentsPage />} />
                  <Route path="label/:labelId" element={<MessageListPage />} />
                  <Route path=":folder" element={<MessageListPage />} />
                </Route>
                <Route path="/cases" element={<Page><CaseListPage /></Page>} />
                <Route path="/cases/new" element={<Page><CaseCreatePage /></Page>} />
                <Route path="/cases/:id/:tab?" element={<Page><CasePage /></Page>} />
                <Route path="/requests" element={<Page><RequestListPage /></Page>} />
                <Route path="/requests/new" element={<Page><RequestNewPage /></Page>} />
                <Route path="/requests/:id" element={<Page><RequestPage /></Page>} />
                <Route path="/matches" element={<Page><MatchesPage /></Page>} />
                <Route path="/search" element={<Page><SearchPage /></Page>} />
                <Route path="/shared-entities/:id" element={<Page><SharedEntityPage /></Page>} />
                <Route path="/training" element={<Page><WorkshopListPage /></Page>} />
                <Route path="/training/catalogue" element={<Page><CataloguePage /></Page>} />
                <Route path="/training/mine" element={<Page><MyTrainingPage /></Page>} />
                <Route path="/training/new" element={<Page><WorkshopFormPage /></Page>} />
                <Route path="/training/workshops/:id/edit" element={<Page><WorkshopFormPage /></Page>} />
                <Route path="/training/workshops/:id/:tab?" element={<Page><WorkshopPage /></Page>} />
                <Route path="/meetings" element={<Page><MeetingListPage /></Page>} />
                <Route path="/meetings/new" element={<Page><MeetingFormPage /></Page>} />
                <Route path="/meetings/:id/edit" element={<Page><MeetingFormPage /></Page>} />
                <Route path="/meetings/:id" element={<Page><MeetingPage /></Page>} />
                <Route
                  path="/admin/users"
                  element={
                    <RequireRole roles={ADMIN_ROLES}>
                      <Page>
                        <AdminUsersPage />
                      </Page>
                    </RequireRole>
                  }
                />
                <Route
                  path="/audit"
                  element={
                    <RequireRole roles={ADMIN_ROLES}>
                      <Page>
                        <AuditPage />
                      </Page>
                    </RequireRole>
                  }
                />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
