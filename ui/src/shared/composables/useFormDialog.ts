// The skeleton every form dialog repeats: fresh fields each time it opens, what is still missing,
// one submit at a time with a working flag, the problem shown in the dialog, and on success the
// dialog closes and the caller hears the answer.
import { computed, reactive, watch, type Ref } from 'vue'
import { useAction } from './useAction'

export interface FormDialogOptions<F extends object, R> {
  /** The fields as the dialog opens (called each time it opens). */
  blank: () => F
  /** What is still missing, as a sentence (null: the form may be sent). */
  missing?: (form: F) => string | null
  /** Send the form; undefined when there is nothing to send. */
  send: (form: F) => Promise<R> | undefined
  /** The backend's answer, after the dialog has closed. */
  done: (answer: R) => void
  /** More to do each time the dialog opens (after the fields are reset), e.g. load a list. */
  opened?: () => void | Promise<void>
}

export function useFormDialog<F extends object, R>(open: Ref<boolean>, options: FormDialogOptions<F, R>) {
  const { working, error, run } = useAction()
  // The fields are plain values (strings, numbers, arrays): reactive() keeps their type.
  const form = reactive(options.blank()) as F
  const missing = computed(() => options.missing?.(form) ?? null)

  watch(open, async (isOpen) => {
    if (!isOpen) return
    Object.assign(form, options.blank())
    error.value = null
    await options.opened?.()
  })

  async function submit(): Promise<void> {
    if (missing.value) return
    const answer = await run(() => options.send(form) ?? Promise.resolve(undefined))
    if (answer === undefined) return
    open.value = false
    options.done(answer)
  }

  return { form, missing, working, error, submit }
}
