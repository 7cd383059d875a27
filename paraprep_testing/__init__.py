"""Test doubles for ParaPrep, packaged so the tests and the benchmarks play the same model.

- `stub_openai`: a loopback OpenAI-compatible HTTP server (chat completions, json_schema,
  streaming, scripted faults) for tests of the real model boundary.
- `worksheet_stub`, `small_group_stub`, `modify_stub`, `leveled_texts`: responders that answer
  each kind's schemas the way a strong model fills them. They take a request body (as the HTTP
  stub receives it) and also drive the in-process `generators.models.scripted.ScriptedModel`.

Nothing here is imported by the app or the engine.
"""
