import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A table's column headings, with an unlabelled-looking (but announced) last column for row actions. */
export function TableHeader({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((label) => (
          <Table.Th key={label} scope="col">
            {label}
          </Table.Th>
        ))}
        {actions ? (
          <Table.Th scope="col">
            <span className="sr-only">{t('common.actions')}</span>
          </Table.Th>
        ) : null}
      </Table.Tr>
    </Table.Thead>
  );
}
