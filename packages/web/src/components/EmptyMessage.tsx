import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function EmptyMessage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" ta="center" data-testid="empty-state">
      <Text fw={600}>{title}</Text>
      {children ? (
        <Text c="dimmed" size="sm" mt={4}>
          {children}
        </Text>
      ) : null}
    </Paper>
  );
}
