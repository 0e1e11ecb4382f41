"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/queries";

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

/** Build the guided example tree (a few seconds: every step is a real node) and open it. */
export function useCreateExampleTree() {
  const client = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: () => api.createExampleTree(),
    onSuccess: async (tree) => {
      router.push(`/t/${tree.id}`);
      await client.invalidateQueries({ queryKey: queryKeys.trees });
    },
  });
}
