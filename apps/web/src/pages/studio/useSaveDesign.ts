import type { ProductView } from '@mogul/contracts';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { SaveIntent } from './DesignForm';
import { designsApi } from './studio-api';

/** What the studio pages pass along when they move on: a line to say what happened. */
export interface StudioNote {
  message: string;
}

export function noteOf(state: unknown): string | undefined {
  return (state as Partial<StudioNote> | null)?.message;
}

/**
 * Saves a design (create, edit or remix, as `write` does) and, for "Save and publish", publishes
 * it. A saved draft opens in its editor; a published design goes back to the list. When the
 * design was saved but publishing it failed, its editor shows why.
 */
export function useSaveDesign() {
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | Error>();

  const save = async (write: () => Promise<ProductView>, intent: SaveIntent) => {
    setBusy(true);
    setProblem(undefined);
    let saved: ProductView | undefined;
    try {
      saved = await write();
      if (intent === 'publish') {
        const published = await designsApi.publish(saved.id);
        navigate('/studio', { state: { message: `“${published.name}” is published.` } satisfies StudioNote });
      } else {
        const editor = `/studio/${saved.id}/edit`;
        navigate(editor, {
          state: { message: `Draft “${saved.name}” saved.` } satisfies StudioNote,
          replace: location.pathname === editor,
        });
      }
    } catch (error) {
      const editor = saved && `/studio/${saved.id}/edit`;
      if (editor && location.pathname !== editor) {
        navigate(editor, { state: { message: `Saved as a draft, but not published: ${(error as Error).message}` } satisfies StudioNote });
      } else {
        setProblem(error as Error);
      }
    } finally {
      setBusy(false);
    }
  };

  return { busy, problem, save };
}
