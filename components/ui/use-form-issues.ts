import { useCallback, useState } from "react";
import type { ActionFailure } from "@/lib/http";
import { placeIssues, type PlacedIssues } from "./place-issues";

/**
 * A form's error state: a message per field and one for the form. Editing a field clears its
 * message and the form's; a failed action's issues are placed by path.
 */
export function useFormIssues<F extends string>() {
  const [placed, setPlaced] = useState<PlacedIssues<F>>({ fields: {}, form: null });

  const clear = useCallback((field: F) => {
    setPlaced((current) => {
      if (!current.fields[field] && !current.form) return current;
      const fields = { ...current.fields };
      delete fields[field];
      return { fields, form: null };
    });
  }, []);
  const show = useCallback((failure: Pick<ActionFailure, "error" | "issues">, fieldOf: (path: string) => F | null) => setPlaced(placeIssues(failure, fieldOf)), []);
  const showField = useCallback((field: F, message: string) => setPlaced({ fields: { [field]: message } as Partial<Record<F, string>>, form: null }), []);
  const reset = useCallback(() => setPlaced({ fields: {}, form: null }), []);

  return { errors: placed.fields, formError: placed.form, clear, show, showField, reset };
}
