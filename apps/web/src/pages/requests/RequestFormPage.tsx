import { Alert, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type ApiIssue } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { paths } from '../../route.ts';
import { navigate } from '../../router.tsx';
import { CandidateMatches } from './CandidateMatches.tsx';
import { useSetFlash } from './flash.ts';
import {
  emptyForm,
  fieldIssues,
  localToday,
  validate,
  type FieldName,
  type FormValues,
} from './request-form.ts';
import { ChildFields, FamilyFields } from './RequestFormFields.tsx';

export function RequestFormPage() {
  const { t } = useLang();
  const qc = useQueryClient();
  const setFlash = useSetFlash();
  const [values, setValues] = useMemoryState<FormValues>('request-form', emptyForm);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (k: FieldName, v: string) => setValues((p) => ({ ...p, [k]: v }));

  const create = useMutation({
    mutationFn: (input: Parameters<typeof api.createRequest>[0]) => api.createRequest(input),
    onSuccess: (created) => {
      setValues(emptyForm);
      setFlash(created.id);
      void qc.invalidateQueries({ queryKey: ['requests'] });
      navigate(paths.requests);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.issues.length) showIssues(e.issues);
    },
  });

  function showIssues(list: ApiIssue[]) {
    setIssues(list);
    const first = Object.keys(fieldIssues(list))[0];
    // Focus the first field to fix, so keyboard and screen-reader users land on it.
    setTimeout(() => formRef.current?.querySelector<HTMLElement>(`#f-${first}`)?.focus(), 0);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const result = validate(values, localToday());
    if (!result.ok) return showIssues(result.issues);
    setIssues([]);
    create.mutate(result.input);
  }

  const errors = fieldIssues(issues);
  const year = /^\d{4}/.exec(values.birthDate)?.[0];
  const serverError =
    create.error &&
    !(
      create.error instanceof ApiError &&
      create.error.code === 'VALIDATION_FAILED' &&
      create.error.issues.length
    );

  return (
    <Stack>
      <PageTitle mb={0}>{t('requestForm.title')}</PageTitle>
      <Text maw="75ch">{t('requestForm.intro')}</Text>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <form onSubmit={submit} noValidate ref={formRef} aria-label={t('requestForm.title')}>
            <Stack>
              {Object.keys(errors).length > 0 && (
                <Alert
                  color="red"
                  variant="outline"
                  role="alert"
                  title={t('errors.title')}
                  data-testid="form-errors"
                >
                  {t('requestForm.fixErrors')}
                </Alert>
              )}
              {serverError && <ErrorAlert error={create.error} />}
              <ChildFields values={values} set={set} errors={errors} />
              <FamilyFields values={values} set={set} errors={errors} />
              <Group>
                <Button type="submit" size="md" loading={create.isPending}>
                  {t('requestForm.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <div style={{ position: 'sticky', top: 72 }}>
            <CandidateMatches
              name={[values.givenName, values.familyName].filter((s) => s.trim()).join(' ')}
              birthYear={year ? Number(year) : undefined}
            />
          </div>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
