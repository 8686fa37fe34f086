"""Small Streamlit helpers shared by the pages: state, the step frame, and field widgets."""
