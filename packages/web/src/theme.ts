import { createTheme, type MantineColorsTuple } from '@mantine/core';

const focal: MantineColorsTuple = [
  '#e8f2fb',
  '#d0e1f3',
  '#a1c1e6',
  '#6e9fd9',
  '#4582ce',
  '#2b70c8',
  '#1c66c6',
  '#0d55af',
  '#1c5d99',
  '#003f7a',
];

export const theme = createTheme({
  primaryColor: 'focal',
  primaryShade: 7,
  colors: { focal },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'inherit' },
  defaultRadius: 'md',
  focusRing: 'auto',
});
