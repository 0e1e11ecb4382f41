"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { api } from "@/lib/api/client";
import { queryKeys } from "@/lib/ui/queries";

/** Create an empty tree with the server's defaults and open it. */
export function useCreateTree() {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: () => api.createTree({}),
    onSuccess: async (tree) => {
      router.push(`/t/${tree.id}`);
      await client.invalidateQueries({ queryKey: queryKeys.trees });
    },
  });
}
