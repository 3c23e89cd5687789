// The unlocked user's own account as `list_accounts` shows it: above all its key fingerprint,
// which a user reads out to the counselor who approves them (or confirms their new key).
import { computed } from 'vue'
import { api, type AccountInfo } from '@/api'
import { useUnlocked } from '@/app/unlocked/unlocked'
import { useLoad } from '@/shared/composables/useLoad'

export function useOwnAccount(options: { now?: boolean } = {}) {
  const { state } = useUnlocked()
  let wanted = options.now ?? true
  const load = useLoad(() => api.listAccounts(), { enabled: () => wanted })
  const account = computed((): AccountInfo | null => load.data.value?.find((a) => a.id === state.user?.id) ?? null)

  /** Read it now (say, after the passphrase changed and so did the key). */
  async function reload(): Promise<void> {
    wanted = true
    await load.reload()
  }

  return { account, loading: load.loading, error: load.error, reload }
}
