"""The Streamlit pages and their small helpers. UI only: no prompt, model or DOCX code here.

Page scripts live in ui/pages/ and are run by `st.navigation` from app.py; the helpers here turn
widgets into calls to `generators` (the same API the CLI uses) and show what comes back.
"""
