import { Box, Flex } from '@mantine/core';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { Loading } from '../../components/Loading';
import { MailSidebar } from './MailSidebar';

/** Secure mail: folders and labels in a column at the start, the list or the message beside it. */
export default function MailLayout() {
  return (
    <Flex gap="lg" direction={{ base: 'column', md: 'row' }} align={{ base: 'stretch', md: 'flex-start' }}>
      <Box w={{ base: '100%', md: 230 }} style={{ flexShrink: 0 }}>
        <MailSidebar />
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Box>
    </Flex>
  );
}
