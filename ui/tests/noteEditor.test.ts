// The note editor's state machine on its own (features/notes/composables/useNoteEditor.ts), as
// the screen uses it: a new note becomes complete, saves once even when 签名 follows 保存 at
// once, signing asks first and leaves the note locked (addenda only), a refused write keeps
// what was typed, and leaving asks only when something is unsaved.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'
import { resetBackend, setBackend, type Student } from '@/api'
import { i18n } from '@/app/i18n'
import { useNoteEditor, type Question } from '@/features/notes/composables/useNoteEditor'
import { student } from './casework'
import { mockBackend, type MockBackend, rejection } from './helpers'
import { note, sessionView } from './sessionFixtures'

/** Each test's editor lives in its own scope, stopped afterwards (its watchers with it). */
let scope = effectScope()

afterEach(() => {
  scope.stop()
  scope = effectScope()
  resetBackend()
})

interface Harness {
  editor: ReturnType<typeof useNoteEditor>
  id: ReturnType<typeof ref<string | undefined>>
  ask: ReturnType<typeof vi.fn<(q: Question) => Promise<boolean>>>
  showNote: ReturnType<typeof vi.fn<(id: string) => Promise<void>>>
  showStudent: ReturnType<typeof vi.fn<(id: string) => Promise<void>>>
}

/** The editor at an address (`/sessions/<id>`, or a new note), the user answering `yes`. */
async function start(backend: MockBackend, noteId?: string, yes = true): Promise<Harness> {
  setBackend(backend)
  const id = ref<string | undefined>(noteId)
  const ask = vi.fn<(q: Question) => Promise<boolean>>().mockResolvedValue(yes)
  // Following the address, as the router does once the note has its own.
  const showNote = vi.fn<(to: string) => Promise<void>>(async (to) => {
    id.value = to
  })
  const showStudent = vi.fn<(to: string) => Promise<void>>().mockResolvedValue(undefined)
  const editor = scope.run(() =>
    useNoteEditor({
      id: () => id.value,
      wantedStudent: () => undefined,
      t: (key, named) => (named ? i18n.global.t(key, named) : i18n.global.t(key)),
      ask,
      showNote,
      showStudent,
      authorName: () => '王老师',
    }),
  )!
  await flushPromises()
  return { editor, id, ask, showNote, showStudent }
}

/** A complete new note for the casework student. */
function complete(editor: ReturnType<typeof useNoteEditor>, who: Student = student): void {
  editor.student.value = who
  editor.form.date = '2026-03-02'
  editor.form.start_time = '14:30:00'
  editor.form.duration_minutes = 45
  editor.form.main_problem = '  期中考试前紧张  '
}

describe('the note editor state machine', () => {
  it('a new note says what is missing until it is complete, then has unsaved changes', async () => {
    const { editor } = await start(mockBackend())
    expect(editor.isNew.value).toBe(true)
    expect(editor.editable.value).toBe(true)
    expect(editor.dirty.value).toBe(false)
    expect(editor.missing.value).toBe('请选择学生，或打开「匿名来访」')

    editor.walkIn.value = true
    expect(editor.missing.value).toBe('请填写来访者称呼')
    editor.walkIn.value = false
    complete(editor)
    editor.form.duration_minutes = 0
    expect(editor.missing.value).toBe('时长应为 1 到 480 分钟')
    editor.form.duration_minutes = 45
    expect(editor.missing.value).toBeNull()
    expect(editor.dirty.value).toBe(true)
  })

  it('保存 creates the note once, trimmed, marks it saved and follows it to its own address', async () => {
    const backend = mockBackend()
    backend.createSession.mockResolvedValue(note({ id: 'new-note', session_number: 1 }))
    backend.getSession.mockResolvedValue(sessionView({ id: 'new-note', session_number: 1 }))
    const { editor, showNote } = await start(backend)
    complete(editor)

    await editor.save()
    await flushPromises()
    expect(backend.createSession).toHaveBeenCalledTimes(1)
    expect(backend.createSession.mock.calls[0]![0]).toMatchObject({ student_id: student.id, main_problem: '期中考试前紧张' })
    expect(showNote).toHaveBeenCalledWith('new-note')
    expect(editor.saved.value).toContain('草稿已保存')
    expect(editor.isNew.value).toBe(false)
    expect(editor.dirty.value).toBe(false)
  })

  it('保存 then 签名 in quick succession writes the note once, then signs it', async () => {
    const backend = mockBackend()
    let created: (value: ReturnType<typeof note>) => void = () => undefined
    backend.createSession.mockReturnValue(new Promise((resolve) => (created = resolve)))
    backend.signSession.mockResolvedValue(note({ id: 'new-note', status: 'signed', signed_at: '2026-03-02T07:00:00Z' }))
    backend.getSession.mockResolvedValue(sessionView({ id: 'new-note', status: 'signed', signed_at: '2026-03-02T07:00:00Z' }))
    const { editor, ask } = await start(backend)
    complete(editor)

    const saving = editor.save()
    const signing = editor.sign()
    await flushPromises()
    expect(ask).toHaveBeenCalledTimes(1)
    created(note({ id: 'new-note', session_number: 1 }))
    await Promise.all([saving, signing])
    await flushPromises()

    expect(backend.createSession).toHaveBeenCalledTimes(1)
    expect(backend.updateSession).not.toHaveBeenCalled()
    expect(backend.signSession).toHaveBeenCalledTimes(1)
    expect(backend.signSession).toHaveBeenCalledWith('new-note')
  })

  it('签名 asks first; 取消 writes nothing and keeps the draft as it was', async () => {
    const backend = mockBackend()
    backend.getSession.mockResolvedValue(sessionView())
    backend.listSessions.mockResolvedValue([])
    const { editor, ask } = await start(backend, 'a1b2c3d4-note2', false)
    editor.form.plan = '改成每周两次'

    await editor.sign()
    const question = ask.mock.calls[0]![0]
    expect(question.title).toBe('签名并锁定记录')
    expect(question.text).toBe('签名后这份记录不能再修改，之后只能添加注明日期的补充记录。尚未保存的内容会先保存，再签名。确定签名吗？')
    expect(question.confirm).toBe(i18n.global.t('sessions.editor.signConfirm'))
    expect(backend.updateSession).not.toHaveBeenCalled()
    expect(backend.signSession).not.toHaveBeenCalled()
    expect(editor.form.plan).toBe('改成每周两次')
    expect(editor.dirty.value).toBe(true)
  })

  it('a signed note reads again from the backend and is locked: no form, addenda only', async () => {
    const backend = mockBackend()
    backend.getSession.mockResolvedValueOnce(sessionView())
    backend.listSessions.mockResolvedValue([])
    backend.signSession.mockResolvedValue(note({ status: 'signed', signed_at: '2026-03-02T07:00:00Z' }))
    backend.getSession.mockResolvedValueOnce(sessionView({ status: 'signed', signed_at: '2026-03-02T07:00:00Z' }))
    const { editor, showNote } = await start(backend, 'a1b2c3d4-note2')
    expect(editor.editable.value).toBe(true)

    await editor.sign()
    await flushPromises()
    expect(backend.updateSession).not.toHaveBeenCalled()
    expect(backend.signSession).toHaveBeenCalledWith('a1b2c3d4-note2')
    expect(backend.getSession).toHaveBeenCalledTimes(2)
    expect(showNote).not.toHaveBeenCalled()
    expect(editor.saved.value).toContain('已签名，记录已锁定')
    expect(editor.view.value?.locked).toBe(true)
    expect(editor.editable.value).toBe(false)

    editor.addendumAdded({ id: 'add-1', author_id: 'x', written_at: '2026-03-03T01:00:00Z', text: '家长来电' })
    expect(editor.view.value?.addenda.map((a) => a.text)).toEqual(['家长来电'])
  })

  it('a refused write shows the problem and keeps what was typed, still unsaved', async () => {
    const backend = mockBackend()
    backend.createSession.mockRejectedValue(
      rejection('invalid', { field: 'duration', problem: { code: 'minutes', params: { min: 1, max: 480 } } }),
    )
    const { editor, showNote } = await start(backend)
    complete(editor)

    await editor.save()
    expect(editor.error.value).toContain('时长应为 1 到 480 分钟')
    expect(editor.saved.value).toBeNull()
    expect(editor.form.main_problem).toBe('  期中考试前紧张  ')
    expect(editor.dirty.value).toBe(true)
    expect(editor.working.value).toBe(false)
    expect(showNote).not.toHaveBeenCalled()
  })

  it('leaving asks only when something is unsaved', async () => {
    const backend = mockBackend()
    backend.getSession.mockResolvedValue(sessionView())
    backend.listSessions.mockResolvedValue([])
    const { editor, ask } = await start(backend, 'a1b2c3d4-note2', false)

    expect(await editor.confirmLeave()).toBe(true)
    expect(ask).not.toHaveBeenCalled()
    editor.form.effect = '又想到一点'
    expect(await editor.confirmLeave()).toBe(false)
    expect(ask.mock.calls[0]![0].title).toBe('离开此页')
  })
})
