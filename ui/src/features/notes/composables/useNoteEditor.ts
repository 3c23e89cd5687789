// The note editor's state machine, apart from its screen: load a note (or start a new one),
// keep the form and what was last saved, save a draft, sign it (asking first), and add addenda
// once it is locked. One write at a time: 保存 then 签名 in quick succession writes the note once.
// The view (SessionEditorView) wires it to the router and the confirmation box.
import { computed, reactive, ref, watch } from 'vue'
import { api, errorText, type Addendum, type SessionInput, type SessionView, type Student } from '@/api'
import { useAction } from '@/shared/composables/useAction'
import { blankInput, RISK_ALERTS } from '@/features/notes/notes'

/** The form: a note's fields, the next appointment always present (null: none). */
export type NoteForm = Omit<SessionInput, 'student_id' | 'next_appointment'> & { next_appointment: string | null }

/** A question put to the user before going on (the view shows it in a confirmation box). */
export interface Question {
  title: string
  text: string
  confirm: string
  cancel: string
}

export interface NoteEditorOptions {
  /** The note's id from the address; undefined for a new note. */
  id: () => string | undefined
  /** `?student=<id>`: the student a new note starts with. */
  wantedStudent: () => string | undefined
  /** The screen's words (vue-i18n's `t`). */
  t: (key: string, named?: Record<string, unknown>) => string
  /** Ask; true when the user agreed. */
  ask: (question: Question) => Promise<boolean>
  /** Show the note at its own address (after it was created here). */
  showNote: (id: string) => Promise<void>
  /** Go to a student's page. */
  showStudent: (id: string) => Promise<void>
  /** Who is writing (the author's name on a note just created). */
  authorName: () => string
}

function blankForm(): NoteForm {
  return { ...blankInput(), next_appointment: null }
}

export function useNoteEditor(options: NoteEditorOptions) {
  const { t } = options
  const { working, error, run } = useAction()

  const view = ref<SessionView | null>(null)
  const loading = ref(false)
  const loadError = ref<string | null>(null)
  const saved = ref<string | null>(null)
  const form = reactive<NoteForm>(blankForm())
  const walkIn = ref(false)
  const student = ref<Student | null>(null)
  /** The student's session before this one: its 对策 can start this one's. */
  const previous = ref<SessionView | null>(null)
  /** The note as last loaded or saved (cleaned, as JSON): what "unsaved changes" compares with. */
  const baseline = ref('')

  const isNew = computed(() => !options.id())
  const editable = computed(() => isNew.value || (!!view.value && view.value.is_author && !view.value.locked))
  const studentId = computed((): string | undefined => {
    if (!isNew.value) return view.value?.note.student_id ?? undefined
    return walkIn.value ? undefined : student.value?.id
  })
  const riskAlert = computed(() => RISK_ALERTS.includes(form.risk))

  /** What would be sent: texts trimmed, the student or the walk-in's label. */
  function cleaned(): SessionInput {
    const input: SessionInput = {
      walk_in_label: studentId.value ? '' : form.walk_in_label.trim(),
      date: form.date,
      start_time: form.start_time,
      duration_minutes: form.duration_minutes,
      current_situation: form.current_situation.trim(),
      main_problem: form.main_problem.trim(),
      assessment: form.assessment.trim(),
      analysis: form.analysis.trim(),
      plan: form.plan.trim(),
      effect: form.effect.trim(),
      risk: form.risk,
      next_appointment: form.next_appointment || null,
    }
    if (studentId.value) input.student_id = studentId.value
    return input
  }

  const dirty = computed(() => editable.value && !loading.value && JSON.stringify(cleaned()) !== baseline.value)

  /** What is still missing before the note can be saved (null: nothing). */
  const missing = computed(() => {
    if (isNew.value && !walkIn.value && !student.value) return t('sessions.editor.chooseStudent')
    if (!studentId.value && form.walk_in_label.trim() === '') return t('casework.missing', { field: t('sessions.editor.walkInLabel') })
    if (!form.date) return t('casework.missing', { field: t('sessions.editor.date') })
    if (!form.start_time) return t('casework.missing', { field: t('sessions.editor.start') })
    const minutes = form.duration_minutes
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 480) return t('sessions.editor.badDuration')
    if (form.main_problem.trim() === '') return t('casework.missing', { field: t('sessions.fields.main_problem') })
    return null
  })

  function fill(input: SessionInput): void {
    Object.assign(form, {
      walk_in_label: input.walk_in_label,
      date: input.date,
      start_time: input.start_time,
      duration_minutes: input.duration_minutes,
      current_situation: input.current_situation,
      main_problem: input.main_problem,
      assessment: input.assessment,
      analysis: input.analysis,
      plan: input.plan,
      effect: input.effect,
      risk: input.risk,
      next_appointment: input.next_appointment ?? null,
    } satisfies NoteForm)
  }

  function markClean(): void {
    baseline.value = JSON.stringify(cleaned())
  }

  async function loadPrevious(): Promise<void> {
    previous.value = null
    const id = studentId.value
    if (!id) return
    try {
      const list = await api.listSessions(id)
      if (id !== studentId.value) return
      const current = view.value?.note
      previous.value =
        list.find((s) => s.note.id !== current?.id && (!current || s.note.session_number < current.session_number)) ?? null
    } catch {
      // The earlier 对策 is only a convenience: without it the form works the same.
      previous.value = null
    }
  }

  async function prefillStudent(id: string): Promise<void> {
    try {
      student.value = (await api.listStudents()).find((s) => s.id === id) ?? null
    } catch (e) {
      loadError.value = errorText(e)
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    loadError.value = null
    error.value = null
    previous.value = null
    try {
      const id = options.id()
      if (id) {
        const answer = await api.getSession(id)
        view.value = answer
        fill(answer.note)
        walkIn.value = !answer.note.student_id
      } else {
        view.value = null
        Object.assign(form, blankForm())
        walkIn.value = false
        student.value = null
        const wanted = options.wantedStudent()
        if (wanted) await prefillStudent(wanted)
      }
    } catch (e) {
      view.value = null
      loadError.value = errorText(e)
    } finally {
      loading.value = false
      markClean()
    }
    // A new note's student is watched instead (below).
    if (!isNew.value && editable.value) await loadPrevious()
  }

  watch(
    options.id,
    async (id, before) => {
      // Keep 草稿已保存 when a new note just got its id; another note starts afresh.
      if (before && id !== before) saved.value = null
      await load()
    },
    { immediate: true },
  )
  watch(studentId, (id, before) => {
    if (isNew.value && id !== before) void loadPrevious()
  })

  /** The write under way, so a second click (保存 then 签名 at once) waits for it instead of
   *  writing twice. */
  let inFlight: Promise<string | undefined> | null = null

  /** The note's id once it exists: the address's, or the one just created (before the address follows). */
  function knownId(): string | undefined {
    return options.id() ?? view.value?.note.id
  }

  /** Write the form (create or update); answers the note's id, or undefined when refused. */
  function persist(): Promise<string | undefined> {
    inFlight ??= (async () => {
      if (missing.value) return undefined
      const input = cleaned()
      const id = knownId()
      const note = await run(() => (id ? api.updateSession(id, input) : api.createSession(input)))
      if (!note) return undefined
      markClean()
      view.value = view.value
        ? { ...view.value, note }
        : {
            note,
            author_name: options.authorName(),
            student_label: student.value?.name ?? input.walk_in_label,
            locked: false,
            intact: true,
            addenda: [],
            is_author: true,
          }
      return note.id
    })().finally(() => {
      inFlight = null
    })
    return inFlight
  }

  /** Show the note at its own address (after it was created here). */
  async function follow(id: string): Promise<void> {
    if (options.id() !== id) await options.showNote(id)
  }

  /** 保存草稿. */
  async function save(): Promise<void> {
    const id = await persist()
    if (!id) return
    saved.value = t('sessions.editor.draftSaved')
    await follow(id)
  }

  function confirmSign(): Promise<boolean> {
    const first = dirty.value || !knownId() ? t('sessions.editor.signSavesFirst') : ''
    return options.ask({
      title: t('sessions.editor.signTitle'),
      text: `${t('sessions.editor.signText')}${first}${t('sessions.editor.signQuestion')}`,
      confirm: t('sessions.editor.signConfirm'),
      cancel: t('common.cancel'),
    })
  }

  /** 签名: ask, save what changed (or wait for the save under way), then sign. */
  async function sign(): Promise<void> {
    if (!(await confirmSign())) return
    if (inFlight) await inFlight
    const known = knownId()
    const id = !known || dirty.value ? await persist() : known
    if (!id) return
    const note = await run(() => api.signSession(id))
    if (!note) return
    saved.value = t('sessions.editor.signedDone')
    if (options.id() === id) await load()
    else await follow(id)
  }

  /** 沿用上次对策: append the previous session's plan. */
  function usePreviousPlan(): void {
    const text = previous.value?.note.plan.trim()
    if (!text) return
    form.plan = form.plan.trim() === '' ? text : `${form.plan.trimEnd()}\n${text}`
  }

  async function openStudent(): Promise<void> {
    const id = studentId.value
    if (!id) return
    // Keep what is written: a complete note is saved as a draft first; otherwise leaving asks.
    if (dirty.value && !missing.value) {
      const kept = await persist()
      if (!kept) return
    }
    await options.showStudent(id)
  }

  function addendumAdded(addendum: Addendum): void {
    if (view.value) view.value = { ...view.value, addenda: [...view.value.addenda, addendum] }
  }

  /** Before leaving the page: true when there is nothing unsaved, or the user chose to leave. */
  async function confirmLeave(): Promise<boolean> {
    if (!dirty.value) return true
    return options.ask({
      title: t('sessions.editor.leaveTitle'),
      text: t('sessions.editor.leaveText'),
      confirm: t('sessions.editor.leave'),
      cancel: t('sessions.editor.stay'),
    })
  }

  return {
    view,
    loading,
    loadError,
    saved,
    form,
    walkIn,
    student,
    previous,
    isNew,
    editable,
    studentId,
    riskAlert,
    dirty,
    missing,
    working,
    error,
    save,
    sign,
    usePreviousPlan,
    openStudent,
    addendumAdded,
    confirmLeave,
  }
}
