import { Title, type TitleProps } from '@mantine/core';
import { useEffect, useRef } from 'react';

/** The page's h1; it takes focus when the page opens so screen readers announce the new page. */
export function PageTitle({ children, ...rest }: TitleProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <Title order={1} size="h2" ref={ref} tabIndex={-1} style={{ outline: 'none' }} mb="md" {...rest}>
      {children}
    </Title>
  );
}
