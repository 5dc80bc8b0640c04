//! The half-termly safeguarding report for governors.
//!
//! Empty until the report issue lands: it will read incidents, training, signatures and the
//! review schedule from the store and build an anonymised PDF with plotters charts.
