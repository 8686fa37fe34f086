"""Pure Python core of the care and support planner: no Streamlit imported here."""
