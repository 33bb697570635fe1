import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { UI_LANGUAGES, type TSessionInfo, type TUiLanguage } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { queryKeys, useSaveUiLanguage, useSession } from '../api/hooks';
import { applyLanguage, currentLanguage } from '../i18n';
import { errorMessage } from './ErrorAlert';

/** Switches the interface language; when signed in, the choice is saved to the profile. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const session = useSession();
  const save = useSaveUiLanguage();
  const client = useQueryClient();
  const current = currentLanguage();

  const choose = async (lang: TUiLanguage) => {
    await applyLanguage(lang);
    if (session.data?.user && session.data.user.uiLanguage !== lang) {
      try {
        const me = await save.mutateAsync(lang);
        client.setQueryData<TSessionInfo>(queryKeys.session, (old) => (old ? { ...old, user: me } : old));
      } catch (error) {
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorMessage(t, error) });
      }
    }
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="gray" aria-label={t('language.switch', { language: t(`uiLanguages.${current}`) })} data-testid="language-switcher">
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" style={{ marginInlineEnd: 6 }} fill="none" stroke="currentColor" strokeWidth="1.8">
            <circle cx="12" cy="12" r="9" />
            <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
          </svg>
          <Text span inherit visibleFrom="xs">
            {t(`uiLanguages.${current}`)}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {UI_LANGUAGES.map((lang) => (
          <Menu.Item
            key={lang}
            lang={lang}
            dir={lang === 'ar' ? 'rtl' : 'ltr'}
            onClick={() => void choose(lang)}
            aria-current={lang === current ? 'true' : undefined}
            fw={lang === current ? 700 : undefined}
            data-testid={`language-${lang}`}
          >
            {t(`uiLanguages.${lang}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
