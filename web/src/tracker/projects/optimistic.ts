// A mutation that changes a cached list at once and puts it back if the server refuses.
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { toastError } from "../../ui/toast";

export function useListMutation<T, V>(
  queryKey: QueryKey,
  mutationFn: (variables: V) => Promise<unknown>,
  apply: (list: T[], variables: V) => T[],
  settledKeys: QueryKey[] = [],
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onMutate: async (variables: V) => {
      await client.cancelQueries({ queryKey });
      const previous = client.getQueryData<T[]>(queryKey);
      if (previous) client.setQueryData<T[]>(queryKey, apply(previous, variables));
      return { previous };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) client.setQueryData(queryKey, context.previous);
      toastError(error);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey });
      for (const key of settledKeys) void client.invalidateQueries({ queryKey: key });
    },
  });
}
