"""Het schema pain.001.001.03 (ISO 20022, ongewijzigd) en de rekeninggegevens van de gemeenten als opdrachtgever."""
