"""`hub demo`: een realistisch scenario uit de beleidsstukken, door de echte broker in de echte eventstore."""
