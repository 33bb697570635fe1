import { ActionIcon, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

function SearchIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm10 17-5-5" />
    </svg>
  );
}

/**
 * The header's search for names across cases: opens the search page with the query. On small
 * screens, a button to the search page instead.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  return (
    <>
      <form
        role="search"
        aria-label={t('matching.search.title')}
        onSubmit={(e) => {
          e.preventDefault();
          const q = text.trim();
          if (!q) return;
          navigate(`/search?q=${encodeURIComponent(q)}`);
          setText('');
        }}
      >
        <TextInput
          visibleFrom="sm"
          size="sm"
          w={{ sm: 220, md: 300 }}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          placeholder={t('matching.search.placeholder')}
          aria-label={t('matching.search.label')}
          leftSection={<SearchIcon />}
          maxLength={200}
          dir="auto"
          data-testid="header-search"
        />
      </form>
      <ActionIcon component={Link} to="/search" hiddenFrom="sm" variant="subtle" size="lg" aria-label={t('matching.search.title')}>
        <SearchIcon />
      </ActionIcon>
    </>
  );
}
